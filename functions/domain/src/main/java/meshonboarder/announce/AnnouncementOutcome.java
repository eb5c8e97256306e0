package meshonboarder.announce;

/** How an onboarding or offboarding ends ({@code $.announcement.outcome}); the state machine ends on it. */
public enum AnnouncementOutcome {
    /** Onboarded: every peer was reached both ways. */
    ONBOARDED,
    /** Offboarded: the cluster's remote secret is out of every peer, its membership and CA retired. */
    OFFBOARDED,
    /** Everything else was done, but some peers stayed unreachable: run the execution again. */
    PEERS_UNREACHED,
    /**
     * Onboarded and every peer reached, but istiod did not report every pair synced within the wait
     * ({@code WaitMeshSynced}): the reconcile the event starts follows up.
     */
    NOT_SYNCED,
    /** A step failed; the execution fails with that step's error. */
    FAILED,
    /** Not an ending: RequestApproval's event, while the execution waits for a person's answer. */
    APPROVAL_REQUESTED
}
