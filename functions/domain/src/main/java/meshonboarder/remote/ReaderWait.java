package meshonboarder.remote;

import meshonboarder.wait.WaitCheck;

/**
 * One check of the EnsureReader loop ({@code $.reader}). No token: only the Secret's name.
 *
 * @param ready       the token controller has filled the token Secret: the loop ends
 * @param attempt     checks made so far
 * @param waitSeconds how long the Wait state pauses before the next check
 * @param tokenSecret the reader's token Secret in {@code istio-system}
 * @param created     whether this execution created any part of the reader identity
 */
public record ReaderWait(boolean ready, int attempt, int waitSeconds, String tokenSecret, boolean created)
        implements WaitCheck {
}
