package meshonboarder.mesh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads every member at once, a few at a time: a step that reads the whole mesh then takes about as long as its
 * slowest member rather than the sum of them. {@code read} must report a member it cannot reach in its result, not
 * throw: one member down never stops the others.
 */
public final class MemberReads {

    /** Concurrent reads: enough to hide API servers' latency, few enough for a Lambda's memory and the servers. */
    public static final int READERS = 8;

    private MemberReads() {
    }

    /** Each member's result by cluster name, in the members' order. */
    public static <T> Map<String, T> each(List<Member> members, Function<Member, T> read) {
        Map<String, T> results = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, members.size()));
        try {
            Map<Member, Future<T>> reads = new LinkedHashMap<>();
            members.forEach(m -> reads.put(m, pool.submit(() -> read.apply(m))));
            for (var r : reads.entrySet()) {
                results.put(r.getKey().clusterName(), r.getValue().get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the members", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a member failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
