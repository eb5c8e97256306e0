package meshonboarder.remote;

import meshonboarder.errors.Transient;
import meshonboarder.istio.Istio;

/**
 * A cluster's reader identity as {@link RemoteSecretClusters.Connection#ensureReader} found or made it.
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

    /**
     * The filled token; one not filled yet is {@link Transient}, which the state machine's Retry waits out.
     *
     * @param where the cluster, for the message ("mesh1/eks-2")
     */
    public ReaderToken filledToken(String where) {
        if (!ready()) {
            throw new Transient("The token controller of " + where + " has not filled Secret " + Istio.NAMESPACE
                    + "/" + tokenSecret + " of " + Istio.READER_SERVICE_ACCOUNT + " yet; retrying.");
        }
        return token;
    }
}
