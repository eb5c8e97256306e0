package meshonboarder.wait;

import java.util.function.Supplier;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.settings.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a Wait/Choice loop of the state machine paces itself. Step Functions does the waiting (a Wait state
 * reads {@code waitSeconds} from the check's output); the check step counts attempts with {@link #check} and ends
 * the loop with {@link WaitTimedOut} once {@code timeoutSeconds} worth of attempts have passed.
 */
public record PollPolicy(int intervalSeconds, int timeoutSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(PollPolicy.class);

    public PollPolicy {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("poll interval must be at least one second");
        }
    }

    /** From {@code POLL_INTERVAL_SECONDS} and the loop's own timeout variable. */
    public static PollPolicy from(Env env, String timeoutVariable, int defaultTimeoutSeconds) {
        return new PollPolicy(env.integer("POLL_INTERVAL_SECONDS", 15),
                env.integer(timeoutVariable, defaultTimeoutSeconds));
    }

    public int maxAttempts() {
        return Math.max(1, (timeoutSeconds + intervalSeconds - 1) / intervalSeconds);
    }

    /**
     * True when the previous check was the loop's last attempt: a loop whose time-out is an outcome rather than an
     * error ({@code WaitMeshSynced}) ends here instead of calling {@link #check}, which would throw.
     */
    public boolean spent(WaitCheck previous) {
        return previous != null && !previous.ready() && previous.attempt() >= maxAttempts();
    }

    /**
     * The loop fields of this check, given the previous check (null on the first; a ready one ended an earlier
     * loop, so the count starts over): the attempt after the previous one, ready or not. Throws
     * {@link WaitTimedOut} when the previous attempt was the last and the awaited state has still not come.
     *
     * @param ref     the cluster (or mesh) the loop is about, for the log line
     * @param awaited what the loop waits for, completing "waiting for ...": made only when not ready
     */
    public WaitCheck.Attempt check(WaitCheck previous, boolean ready, String ref, Supplier<String> awaited) {
        int previousAttempt = previous == null || previous.ready() ? 0 : previous.attempt();
        if (ready) {
            return new WaitCheck.Attempt(true, previousAttempt + 1, intervalSeconds);
        }
        String what = awaited.get();
        if (previousAttempt >= maxAttempts()) {
            throw new WaitTimedOut("Gave up after " + timeoutSeconds + " s waiting for " + what + ".");
        }
        int attempt = previousAttempt + 1;
        LOG.info("waiting for {}, checking again in {} s (attempt {} of {})", what, intervalSeconds,
                attempt, maxAttempts());
        return new WaitCheck.Attempt(false, attempt, intervalSeconds);
    }
}
