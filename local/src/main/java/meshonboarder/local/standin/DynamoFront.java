package meshonboarder.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import meshonboarder.json.Json;

/**
 * DynamoDB in front of moto's, with the one difference that matters to the membership: an eventually consistent read
 * may miss a write that succeeded before it. DynamoDB says such a read "might not reflect the results of a recently
 * completed write operation" (Developer Guide, "Read consistency"); moto always answers from the latest state. So
 * this front answers a GetItem, Query or Scan without {@code ConsistentRead: true} with what the same request got when
 * it was first sent, for as long as {@code staleness}: a replica that lags. A consistent read always reaches moto.
 * The membership's code must therefore never rely on an eventually consistent read; the scenarios show it makes none
 * ({@link #eventuallyConsistentReads()}).
 */
public final class DynamoFront {

    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan");
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private record Answer(byte[] body, long at) {
    }

    private final long stalenessNanos;
    private final Map<String, Answer> replica = new ConcurrentHashMap<>();
    private final AtomicInteger eventual = new AtomicInteger();

    public DynamoFront(Duration staleness) {
        this.stalenessNanos = staleness.toNanos();
    }

    /** Whether the request is a read that asks for no consistent read (DynamoDB's default). */
    boolean eventuallyConsistent(String target, byte[] body) {
        if (target == null || !target.startsWith(TARGET_PREFIX) || !READS.contains(target.substring(TARGET_PREFIX.length()))) {
            return false;
        }
        try {
            JsonNode request = Json.MAPPER.readTree(body);
            return !request.path("ConsistentRead").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The lagging replica's answer to an eventually consistent read, or null to ask moto (then {@link #remember}). */
    byte[] stale(String target, byte[] body) {
        eventual.incrementAndGet();
        Answer answer = replica.get(target + new String(body, StandardCharsets.UTF_8));
        return answer != null && System.nanoTime() - answer.at() < stalenessNanos ? answer.body() : null;
    }

    void remember(String target, byte[] body, byte[] answer) {
        replica.put(target + new String(body, StandardCharsets.UTF_8), new Answer(answer, System.nanoTime()));
    }

    /** How many reads asked for no consistent read so far: the membership's code must make none. */
    public int eventuallyConsistentReads() {
        return eventual.get();
    }
}
