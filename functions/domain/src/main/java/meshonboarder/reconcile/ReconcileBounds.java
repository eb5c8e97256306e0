package meshonboarder.reconcile;

/**
 * What one ReconcileMesh run does at most, so that a run of a mesh of 200 members stays within Step Functions'
 * 25,000 history events (HistoryLimitTest computes it; docs/reconciler.md, Limits, gives the arithmetic). The rest is
 * left to the next runs and reported as a warning.
 */
public final class ReconcileBounds {

    /**
     * Members one run upgrades (CheckIstio). Each waits for WaitIstioReady, whose loop may add 216 history events at
     * the template's bounds (IstioReadyTimeoutSeconds 360, PollIntervalSeconds 15). A rollout of more members goes
     * on in the next runs, 20 at a time, still one member at a time.
     */
    public static final int UPGRADES_PER_RUN = 20;

    /**
     * Departed members one run removes (CheckMembership). Each is taken out of every remaining member, one Map item
     * per member: about 9 history events per remaining member (1,800 in a mesh of 200). Clusters deleted while the
     * stack's events work leave through OffboardCluster at once; this bounds only what a reconcile finds.
     */
    public static final int DEPARTURES_PER_RUN = 2;

    private ReconcileBounds() {
    }
}
