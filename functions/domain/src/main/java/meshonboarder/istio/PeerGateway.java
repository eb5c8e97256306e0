package meshonboarder.istio;

/**
 * What {@code InstallIstio} did to an existing member's east-west gateway ({@code $.istio.peerGateways}).
 *
 * @param outcome {@code UPGRADED} when its NLB was switched to the mesh's address type, {@code UNCHANGED}
 *                when it already had it, null when the member has no east-west gateway release
 */
public record PeerGateway(String clusterName, String region, String addressType, ReleaseOutcome outcome) {
}
