package meshonboarder.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.istio.HelmReleases;

/**
 * Port: Helm for the cluster a Kubernetes client talks to (same endpoint, CA and credentials). The returned
 * value holds the cluster's credentials in memory only; it is used within one step and dropped.
 */
public interface HelmAccess {

    /**
     * Helm for SnapStart priming: none. helm-java's native library starts a Go runtime (its threads, timers and random
     * seed) that every environment restored from the snapshot would share, so priming stops before Helm
     * (docs/operations.md, SnapStart priming).
     */
    HelmAccess NOT_WHILE_PRIMING = cluster -> {
        throw new IllegalStateException("Helm is not run while priming a SnapStart snapshot");
    };

    /** Helm with helm-java, or none while priming. */
    static HelmAccess of(boolean priming, ChartSource charts) {
        return priming ? NOT_WHILE_PRIMING : new HelmJavaAccess(charts);
    }

    HelmReleases connect(KubernetesClient cluster);
}
