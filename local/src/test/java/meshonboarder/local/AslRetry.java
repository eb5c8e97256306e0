package meshonboarder.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Task state's Retry field applied to one call as Step Functions applies it: the first retrier whose ErrorEquals
 * names the error (its class name, as Lambda reports a handler's errorType) retries it up to MaxAttempts times, each
 * retrier counting its own attempts; the waits, without jitter, go to {@code waits} instead of a sleep, so a test
 * moves its clock instead of waiting (Step Functions Developer Guide, "Error handling in Step Functions", Retry).
 */
final class AslRetry {

    private AslRetry() {
    }

    static <T> T call(JsonNode retry, Supplier<T> task, Consumer<Duration> waits) {
        Map<JsonNode, Integer> attempts = new HashMap<>();
        while (true) {
            try {
                return task.get();
            } catch (RuntimeException e) {
                JsonNode retrier = matching(retry, e.getClass().getName());
                int done = retrier == null ? 0 : attempts.getOrDefault(retrier, 0);
                if (retrier == null || done >= retrier.path("MaxAttempts").asInt(3)) {
                    throw e;
                }
                attempts.put(retrier, done + 1);
                double wait = retrier.path("IntervalSeconds").asDouble(1) * Math.pow(retrier.path("BackoffRate").asDouble(2), done);
                waits.accept(Duration.ofMillis((long) (1000 * Math.min(wait,
                        retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE)))));
            }
        }
    }

    private static JsonNode matching(JsonNode retry, String errorType) {
        for (JsonNode retrier : retry) {
            for (JsonNode name : retrier.path("ErrorEquals")) {
                if (name.asText().equals(errorType) || name.asText().equals("States.ALL")) {
                    return retrier;
                }
            }
        }
        return null;
    }
}
