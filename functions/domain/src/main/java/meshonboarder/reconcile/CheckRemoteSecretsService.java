package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CheckRemoteSecrets}: reads every member once (a few at a time), then judges every ordered pair from what
 * was read ({@link PairCheck}). A member that cannot be read is reported and the others go on.
 */
public final class CheckRemoteSecretsService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRemoteSecretsService.class);
    private static final int READERS = 8;

    private final MemberReader reader;

    public CheckRemoteSecretsService(MemberReader reader) {
        this.reader = reader;
    }

    public RemoteSecretsCheck check(Membership membership) {
        List<Member> members = membership.members();
        Map<String, MemberView> views = readAll(members);
        List<PairCheck.Finding> findings = PairCheck.findings(members, views);
        List<SecretRepair> repairs = PairCheck.repairs(members, findings);
        List<RemoteSecretsCheck.Unreachable> unreachable = new ArrayList<>();
        List<MemberView.CaValidity> cas = new ArrayList<>();
        for (MemberView view : views.values()) {
            if (!view.reachable()) {
                unreachable.add(new RemoteSecretsCheck.Unreachable(view.clusterName(), view.unreachable()));
            } else if (view.ca() != null) {
                cas.add(view.ca());
            }
        }
        // counts, not the pairs: a mesh of 50 whose tokens all rotated has 2,450 of them
        LOG.info("{} members read, {} broken pairs {} in {} subjects, unreachable {}", views.size(), findings.size(),
                findings.stream().collect(Collectors.groupingBy(PairCheck.Finding::problem, TreeMap::new,
                        Collectors.counting())), repairs.size(),
                unreachable.stream().map(RemoteSecretsCheck.Unreachable::clusterName).toList());
        return new RemoteSecretsCheck(membership.meshId(), views.size(), repairs, unreachable, cas,
                membership.maxConcurrency());
    }

    private Map<String, MemberView> readAll(List<Member> members) {
        Map<String, MemberView> views = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return views;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, members.size()));
        try {
            Map<Member, Future<MemberView>> reads = new LinkedHashMap<>();
            members.forEach(m -> reads.put(m, pool.submit(() -> readOne(m))));
            for (var read : reads.entrySet()) {
                views.put(read.getKey().clusterName(), read.getValue().get());
            }
            return views;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the members", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a member failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private MemberView readOne(Member member) {
        try {
            return reader.read(member);
        } catch (MeshOnboarderError e) {
            return MemberView.unreachable(member.clusterName(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
