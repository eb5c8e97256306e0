package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link MeshChecks} in memory, one entry per mesh and subject; counts its writes (puts and deletes). */
public final class InMemoryMeshChecks implements MeshChecks {

    private final Map<String, Map<String, SubjectFindings>> meshes = new TreeMap<>();
    private int writes;

    @Override
    public synchronized List<SubjectFindings> list(String meshId) {
        return new ArrayList<>(meshes.getOrDefault(meshId, Map.of()).values());
    }

    @Override
    public synchronized Optional<SubjectFindings> find(String meshId, String subject) {
        return Optional.ofNullable(meshes.getOrDefault(meshId, Map.of()).get(subject));
    }

    @Override
    public synchronized void put(String meshId, SubjectFindings findings) {
        meshes.computeIfAbsent(meshId, m -> new TreeMap<>()).put(findings.subject(), findings);
        writes++;
    }

    @Override
    public synchronized boolean replaceOwn(String meshId, SubjectFindings findings) {
        SubjectFindings kept = find(meshId, findings.subject()).orElse(null);
        if (kept == null || !kept.executionArn().equals(findings.executionArn())) {
            return false;
        }
        put(meshId, findings);
        return true;
    }

    @Override
    public synchronized void delete(String meshId, String subject) {
        if (meshes.getOrDefault(meshId, new TreeMap<>()).remove(subject) != null) {
            writes++;
        }
    }

    @Override
    public String location(String meshId) {
        return "memory, mesh " + meshId;
    }

    public synchronized int writes() {
        return writes;
    }
}
