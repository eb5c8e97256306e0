package meshonboarder.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;

/**
 * The one translator of fabric8 exceptions into the state machine's error names, as {@link meshonboarder.aws.AwsErrors} does for
 * the SDK: an API server that cannot be reached, answers 5xx or 429, or reports a write conflict is
 * {@link Transient}; 401 and 403 are {@link AccessDenied}; anything else is returned unchanged.
 */
public final class KubernetesErrors {

    private static final int TOO_MANY_REQUESTS = 429;

    private KubernetesErrors() {
    }

    /** @param action what was being done, for example "writing Secret istio-system/cacerts in cluster eks-1" */
    public static RuntimeException translate(KubernetesClientException e, String action) {
        int code = e.getCode();
        if (code >= HttpURLConnection.HTTP_INTERNAL_ERROR || code == TOO_MANY_REQUESTS) {
            return new Transient("The Kubernetes API server was briefly unable to answer while " + action + " (HTTP "
                    + code + ").", e);
        }
        if (code == HttpURLConnection.HTTP_CONFLICT) {
            // Someone else wrote the object between our read and our write: the retry reads it again.
            return new Transient("The object changed while " + action + "; retrying reads it again.", e);
        }
        if (code == HttpURLConnection.HTTP_UNAUTHORIZED || code == HttpURLConnection.HTTP_FORBIDDEN) {
            return new AccessDenied("The Kubernetes API server refused " + action + " (HTTP " + code + "): check "
                    + "mesh-onboarder's EKS access entry on the cluster (GrantAccess).", e);
        }
        // fabric8 gives no HTTP status (-1) when the request never got an answer: no connection, a reset, a timeout
        if (code <= 0 && causedByIo(e)) {
            return new Transient("Could not reach the Kubernetes API server while " + action + ".", e);
        }
        return e;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
