package meshonboarder.network;

/**
 * What the cluster itself tells about its network ({@code $.clusterFacts}), read right after {@code GrantAccess}
 * and before any write.
 *
 * @param loadBalancerController the AWS Load Balancer Controller's Deployment ("namespace/name (image tag)"), or
 *                               null when the cluster runs none
 */
public record ClusterFacts(String clusterName, String region, boolean loadBalancerControllerInstalled,
                           String loadBalancerController) {
}
