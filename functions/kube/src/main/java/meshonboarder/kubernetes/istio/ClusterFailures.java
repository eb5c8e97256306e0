package meshonboarder.kubernetes.istio;

import io.fabric8.kubernetes.client.KubernetesClientException;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;

/**
 * A failed Kubernetes API call of the Istio steps, named for the state machine: refused is {@link AccessDenied}
 * (the access entry), unreachable, throttled or 5xx is {@link Transient}; anything else is returned as it is.
 */
public final class ClusterFailures {

    private ClusterFailures() {
    }

    /** @param action what was being done, for example "installing Istio" */
    public static RuntimeException translate(KubernetesClientException e, String clusterName, String action) {
        int code = e.getCode();
        if (code == 401 || code == 403) {
            return new AccessDenied("Cluster '" + clusterName + "' refused mesh-onboarder (HTTP " + code + ") while "
                    + action + "; check its access entry (GrantAccess).", e);
        }
        if (code == 0 || code == 429 || code >= 500) {
            return new Transient("The API server of cluster '" + clusterName + "' was briefly unavailable while "
                    + action + ".", e);
        }
        return e;
    }
}
