package meshonboarder.istio;

/**
 * What {@code FollowGateway} did about one peer's east-west gateway ({@code $.exchange[*].gateway}). A peer that
 * could not be reached is not one of these: the Map's Catch records it {@code UNREACHED} with the error.
 *
 * @param addressType the mesh's address type, which the peer's gateway must have
 */
public record PeerGateway(String clusterName, String addressType, PeerGatewayOutcome outcome) {
}
