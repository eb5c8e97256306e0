package meshonboarder.reconcile;

/**
 * How one mesh's reconcile run ended ({@code $.report.outcome}); the ASL's MeshFailed writes {@code FAILED} itself,
 * and AlreadyRunning AcquireLease's {@link LeaseOutcome#ALREADY_RUNNING}.
 */
public enum ReconcileOutcome {
    /** Nothing was broken: the run wrote nothing. */
    HEALTHY,
    /** Everything found broken was repaired. */
    REPAIRED,
    /** Something is still broken; the report says what. */
    DEGRADED
}
