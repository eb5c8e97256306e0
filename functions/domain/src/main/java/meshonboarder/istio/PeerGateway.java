package meshonboarder.istio;

/**
 * What {@code InstallIstio} did to an existing member's east-west gateway ({@code $.istio.peerGateways}).
 *
 * @param outcome {@code UPGRADED} when its NLB was switched to the mesh's address type, {@code UNCHANGED}
 *                when it already had it, null when the member has no east-west gateway release or was not reached
 * @param status  whether the peer was reached; {@code UNREACHED} is what Announce counts, as in {@code $.exchange}
 * @param reason  why it was not reached (the error's name and message); null when it was
 */
public record PeerGateway(String clusterName, String region, String addressType, ReleaseOutcome outcome,
                          PeerGatewayStatus status, String reason) {

    /** A peer that was reached. */
    public PeerGateway(String clusterName, String region, String addressType, ReleaseOutcome outcome) {
        this(clusterName, region, addressType, outcome, PeerGatewayStatus.REACHED, null);
    }
}
