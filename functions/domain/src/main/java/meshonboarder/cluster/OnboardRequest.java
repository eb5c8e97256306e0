package meshonboarder.cluster;

/**
 * What the execution was asked to onboard, from an EventBridge event or a manual input, before EKS is
 * asked anything. Region, mesh and network may be null (then: the controller's region, the mesh tag, the
 * network tag or VPC).
 *
 * @param source  where the request came from: {@code manual}, {@code CreateCluster} or {@code TagResource}
 * @param account the account the event came from, or the manual input's; null: the hub's own
 */
public record OnboardRequest(String clusterName, String region, String meshId, String network, String source,
                             String account) {
}
