package meshonboarder.remote;

/** The status of one peer in {@code $.removal}. */
public enum RemovalStatus {
    /** RemoveRemoteSecret ran: the remote secret is out of the peer (and, both ways, the peer's out of the member). */
    REMOVED,
    /** Written by the Map's Catch (PeerUnreached), not by the step: the peer stayed unreachable. */
    UNREACHED
}
