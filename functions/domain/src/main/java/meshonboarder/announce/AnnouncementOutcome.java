package meshonboarder.announce;

/** How an onboarding or offboarding ends ({@code $.announcement.outcome}); the state machine ends on it. */
public enum AnnouncementOutcome {
    /** Onboarded: every peer was reached both ways. */
    ONBOARDED,
    /** Offboarded: the cluster's remote secret is out of every peer, its membership and CA retired. */
    OFFBOARDED,
    /** Everything else was done, but some peers stayed unreachable: run the execution again. */
    PEERS_UNREACHED,
    /** A step failed; the execution fails with that step's error. */
    FAILED
}
