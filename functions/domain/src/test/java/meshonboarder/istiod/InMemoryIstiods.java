package meshonboarder.istiod;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import meshonboarder.mesh.Member;

/** {@link IstiodViews} in memory: each holder's view as set, and the restarts asked, once per id. */
public final class InMemoryIstiods implements IstiodViews {

    private final Map<String, IstiodView> views = new ConcurrentHashMap<>();
    private final Map<String, String> restartedBy = new ConcurrentHashMap<>();
    /** Every view read, by holder, in order. */
    public final List<String> reads = new CopyOnWriteArrayList<>();
    /** Holders whose API server cannot be reached: reading them throws. */
    private final Map<String, RuntimeException> unreachable = new ConcurrentHashMap<>();
    /** Every restart made, in order. */
    public final List<String> restarts = new CopyOnWriteArrayList<>();

    /** {@code holder}'s istiod reports these statuses of its remote clusters. */
    public InMemoryIstiods view(String holder, Map<String, SyncStatus> remotes) {
        views.put(holder, new IstiodView(holder, true, new HashMap<>(remotes), null));
        return this;
    }

    public InMemoryIstiods unknown(String holder) {
        views.put(holder, IstiodView.unknown(holder, "its istiod has no gauge"));
        return this;
    }

    public InMemoryIstiods unreachable(String holder, RuntimeException error) {
        unreachable.put(holder, error);
        return this;
    }

    @Override
    public IstiodView read(Member member) {
        reads.add(member.clusterName());
        RuntimeException error = unreachable.get(member.clusterName());
        if (error != null) {
            throw error;
        }
        return views.getOrDefault(member.clusterName(), new IstiodView(member.clusterName(), true, Map.of(), null));
    }

    @Override
    public boolean restart(Member member, String restartId) {
        if (restartId.equals(restartedBy.put(member.clusterName(), restartId))) {
            return false;
        }
        restarts.add(member.clusterName());
        return true;
    }
}
