package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import meshonboarder.json.Json;
import meshonboarder.local.standin.LocalLambda;

/**
 * Forces the race of two onboardings that each pass GatherNetwork before the other is recorded, in its harder
 * order, on the local Lambda endpoint: every RegisterMember of the two is held until both have returned from their
 * first GatherNetwork, and the {@code late} cluster's until the {@code early} one has returned from its second
 * (RecheckNetwork). So the early cluster rechecks before the late one is recorded and sees nothing new; only the
 * late one's recheck can find the early one. Without it, the interleaving is up to the thread scheduler.
 */
final class HeldRegistration implements LocalLambda.Interleaving, AutoCloseable {

    private static final String GATHER = "GatherNetworkFunction";
    private static final String RECHECK = "RecheckNetworkFunction";
    private static final String REGISTER = "RegisterMemberFunction";

    private final LocalLambda lambda;
    private final String early;
    private final String late;
    private final Duration limit;
    private final CountDownLatch gathered = new CountDownLatch(2);
    private final CountDownLatch earlyRechecked = new CountDownLatch(1);
    private final Map<String, Integer> gathers = new ConcurrentHashMap<>();
    private final List<String> missed = Collections.synchronizedList(new ArrayList<>());

    private HeldRegistration(LocalLambda lambda, String early, String late, Duration limit) {
        this.lambda = lambda;
        this.early = early;
        this.late = late;
        this.limit = limit;
    }

    /** Holds the two clusters' registrations until {@link #close()}; a hold that outlasts the limit lets go. */
    static HeldRegistration hold(LocalLambda lambda, String early, String late, Duration limit) {
        HeldRegistration held = new HeldRegistration(lambda, early, late, limit);
        lambda.interleave(held);
        return held;
    }

    @Override
    public void before(String function, byte[] input) throws InterruptedException {
        if (!REGISTER.equals(function)) {
            return;
        }
        String cluster = cluster(input);
        if (!early.equals(cluster) && !late.equals(cluster)) {
            return;
        }
        await(gathered, cluster + "'s RegisterMember held until both clusters passed GatherNetwork");
        if (late.equals(cluster)) {
            await(earlyRechecked, cluster + "'s RegisterMember held until " + early + " rechecked its network");
        }
    }

    @Override
    public void after(String function, byte[] input) {
        if (!GATHER.equals(function) && !RECHECK.equals(function)) {
            return;
        }
        String cluster = cluster(input);
        int n = gathers.merge(cluster, 1, Integer::sum);
        if (n == 1 && (early.equals(cluster) || late.equals(cluster))) {
            gathered.countDown();
        }
        if (n == 2 && early.equals(cluster)) {
            earlyRechecked.countDown();
        }
    }

    /** The holds that were let go by the limit, not by the awaited step: then the race was not forced. */
    List<String> missed() {
        return List.copyOf(missed);
    }

    /** How often each cluster's network was read (GatherNetwork, RecheckNetwork, GatherNetwork again, ...). */
    Map<String, Integer> gathers() {
        return Map.copyOf(gathers);
    }

    @Override
    public void close() {
        lambda.interleave(null);
        gathered.countDown();
        gathered.countDown();
        earlyRechecked.countDown();
    }

    private void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            missed.add(what);
        }
    }

    private static String cluster(byte[] input) {
        try {
            JsonNode body = Json.MAPPER.readTree(input);
            return body.path("state").path("cluster").path("clusterName").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
