package meshonboarder.network;

/** What RecheckNetwork found ({@code $.recheck.change}); the state machine goes on or gathers again on it. */
public enum NetworkChange {
    /** The gateways are as GatherNetwork decided: the onboarding goes on to ListPeers. */
    UNCHANGED,
    /**
     * A cluster registered meanwhile that the gateways must follow (the mesh became mixed, or a dualstack mesh gained
     * a member): the onboarding starts again from GatherNetwork, every step idempotent.
     */
    CHANGED
}
