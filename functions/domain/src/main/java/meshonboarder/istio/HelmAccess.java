package meshonboarder.istio;

import java.util.function.Supplier;

/**
 * Port: Helm for one cluster (implemented with helm-java in the helm module, which carries Helm's native library).
 * The returned value holds the cluster's credentials in memory only; it is used within one step and dropped.
 */
public interface HelmAccess {

    /**
     * @param cluster    the cluster's API endpoint, for messages
     * @param kubeconfig a kubeconfig for the cluster as mesh-onboarder, asked for again before every Helm call (an
     *                   EKS token lives 15 minutes, a long install must not outlive it); never logged
     */
    HelmReleases connect(String cluster, Supplier<String> kubeconfig);
}
