package meshonboarder.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import meshonboarder.errors.AccessDenied;
import meshonboarder.mesh.Member;

/** Token Secrets per member, the token each holder holds of each subject, and every write, in memory. */
final class InMemoryReaderTokens implements ReaderTokenStore {

    final Map<String, List<ReaderTokenSecret>> secrets = new HashMap<>();
    final Map<String, String> held = new HashMap<>();
    final Set<String> unreachable = new HashSet<>();
    final List<String> writes = new ArrayList<>();

    @Override
    public List<ReaderTokenSecret> list(Member member) {
        return List.copyOf(secrets.getOrDefault(member.clusterName(), List.of()));
    }

    @Override
    public String issue(Member member, Instant at) {
        String name = "token-" + at.getEpochSecond();
        writes.add("issue " + member.clusterName() + "/" + name);
        secrets.computeIfAbsent(member.clusterName(), k -> new ArrayList<>())
                .add(new ReaderTokenSecret(name, at, null, true));
        return name;
    }

    @Override
    public Optional<String> heldTokenDigest(Member holder, String subject) {
        if (unreachable.contains(holder.clusterName())) {
            throw new AccessDenied("refused");
        }
        return Optional.ofNullable(held.get(holder.clusterName() + ">" + subject));
    }

    @Override
    public void revoke(Member member, String name) {
        writes.add("revoke " + member.clusterName() + "/" + name);
        secrets.get(member.clusterName()).removeIf(s -> s.name().equals(name));
    }

    void fill(String cluster, String name, String digest) {
        List<ReaderTokenSecret> list = secrets.get(cluster);
        list.replaceAll(s -> s.name().equals(name) ? new ReaderTokenSecret(name, s.created(), digest, s.managed()) : s);
    }

    /** A token Secret of {@code cluster}, made at {@code created}; {@code digest} null while not filled. */
    void token(String cluster, String name, Instant created, String digest, boolean managed) {
        secrets.computeIfAbsent(cluster, k -> new ArrayList<>()).add(new ReaderTokenSecret(name, created, digest,
                managed));
    }
}
