package meshonboarder.reconcile;

/** What AcquireLease, RenewLease and ReleaseLease did ({@code $.lease.outcome}, the report's outcome when another run holds it). */
public enum LeaseOutcome {
    /** This run holds the mesh's lease now. */
    ACQUIRED,
    /** Another run holds it: this one ends for the mesh having written nothing. */
    ALREADY_RUNNING,
    /** This run's lease was extended by a term from now. */
    RENEWED,
    /** This run gave its lease up. */
    RELEASED,
    /** This run held no lease to give up (it expired, and another run may hold it): nothing was written. */
    NOT_HELD
}
