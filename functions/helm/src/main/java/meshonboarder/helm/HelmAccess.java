package meshonboarder.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.istio.HelmReleases;

/**
 * Port: Helm for the cluster a Kubernetes client talks to (same endpoint, CA and credentials). The returned
 * value holds the cluster's credentials in memory only; it is used within one step and dropped.
 */
public interface HelmAccess {

    HelmReleases connect(KubernetesClient cluster);
}
