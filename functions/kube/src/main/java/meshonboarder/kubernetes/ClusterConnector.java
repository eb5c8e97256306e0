package meshonboarder.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.remote.ApiServer;

/**
 * Port: a Kubernetes client for an EKS cluster, authenticated as mesh-onboarder. On AWS it is built from
 * DescribeCluster (endpoint, CA) and an EKS bearer token; the local runner and tests map cluster names to
 * mock API servers instead. The caller closes the client.
 */
public interface ClusterConnector {

    KubernetesClient connect(String region, String clusterName);

    /**
     * A client of a cluster whose API server the caller has described already, so that it is not described again;
     * connectors that find clusters by name alone ignore it.
     */
    default KubernetesClient connect(String region, String clusterName, ApiServer server) {
        return connect(region, clusterName);
    }
}
