package meshonboarder.wait;

import meshonboarder.errors.WaitTimedOut;
import meshonboarder.settings.Env;

/**
 * How a Wait/Choice loop of the state machine paces itself. Step Functions does the waiting (a Wait state
 * reads {@code waitSeconds} from the check's output); the check step counts attempts and ends the loop
 * with {@link WaitTimedOut} once {@code timeoutSeconds} worth of attempts have passed.
 */
public record PollPolicy(int intervalSeconds, int timeoutSeconds) {

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
     * The attempt number of this check, given the previous one (0 before the first check); fails when the
     * previous attempt was the last and the awaited state has still not come.
     */
    public int next(int previousAttempt, String awaited) {
        if (previousAttempt >= maxAttempts()) {
            throw new WaitTimedOut("Gave up after " + timeoutSeconds + " s waiting for " + awaited + ".");
        }
        return previousAttempt + 1;
    }
}
