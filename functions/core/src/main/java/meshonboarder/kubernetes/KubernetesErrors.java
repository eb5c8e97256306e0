package meshonboarder.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;

/**
 * Turns Kubernetes client failures into the state machine's error names: an API server that cannot be reached
 * or answers 5xx or 429, and a write that lost a race (409), are {@link Transient} (retried, and the retry reads
 * again); a refusal is {@link AccessDenied}; anything else is returned unchanged for the caller to name.
 */
public final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /** @param action what was being done, for example "reading DaemonSet kube-system/aws-node of eks-1" */
    public static RuntimeException translate(KubernetesClientException e, String action) {
        int code = e.getCode();
        if (code == 0 || code >= 500 || code == 429) {
            return new Transient("The Kubernetes API server was briefly unable to answer while " + action + ".", e);
        }
        if (code == 409) {
            return new Transient("Someone else changed the object while " + action + "; the step reads it again.", e);
        }
        if (code == 401 || code == 403) {
            return new AccessDenied("Kubernetes refused " + action + " (HTTP " + code + "): mesh-onboarder's access "
                    + "entry lacks the permission. Check its access policy, then start onboarding again.", e);
        }
        return e;
    }
}
