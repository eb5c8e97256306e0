package meshonboarder.kubernetes.remote;

import meshonboarder.kubernetes.ReaderToken;

/**
 * A cluster's reader identity as {@link ReaderIdentity#ensure} found or made it.
 *
 * @param tokenSecret the name of the token Secret in {@code istio-system}
 * @param created     whether this call created any of the objects
 * @param token       the filled token, or null while the token controller has not filled it ({@link ReaderToken}
 *                    prints as redacted)
 */
public record ReaderState(String tokenSecret, boolean created, ReaderToken token) {

    public boolean ready() {
        return token != null;
    }
}
