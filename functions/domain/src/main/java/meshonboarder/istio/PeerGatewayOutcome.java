package meshonboarder.istio;

/** What {@code FollowGateway} did about one peer's east-west gateway ({@code $.exchange[*].gateway.outcome}). */
public enum PeerGatewayOutcome {
    /** Nothing to follow: the mesh's gateways are ipv4 (one family), or the mesh is on a single network. */
    NOT_NEEDED,
    /** The peer's membership record says its gateway already has the mesh's address type: the peer was not visited. */
    RECORDED,
    /** Visited (its record said otherwise, or nothing): the gateway already had the address type; now recorded. */
    UNCHANGED,
    /** Visited: the gateway was switched to the mesh's address type, and that is recorded. */
    UPGRADED,
    /** Visited: the peer has no east-west gateway release of mesh-onboarder's; nothing recorded. */
    NO_GATEWAY
}
