package meshonboarder.network;

import java.util.Optional;

/** Port: the AWS Load Balancer Controller as a cluster runs it (read from the cluster's API server). */
public interface LoadBalancerControllers {

    /** The controller's Deployment as "namespace/name (image tag)", or empty when the cluster runs none. */
    Optional<String> find(String region, String clusterName);
}
