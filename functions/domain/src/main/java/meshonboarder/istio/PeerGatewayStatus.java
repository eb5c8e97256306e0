package meshonboarder.istio;

/** The {@code status} of an item of {@code $.istio.peerGateways}: whether InstallIstio could reach that peer. */
public enum PeerGatewayStatus {
    /** The peer's east-west gateway was read, and switched if it had to be: its outcome says which. */
    REACHED,
    /**
     * The peer could not be read (its API server down, access refused, the cluster gone): its gateway is left as it
     * is, the onboarding goes on and ends {@code PEERS_UNREACHED}, and the reconcile that starts switches it later.
     */
    UNREACHED
}
