package meshonboarder.reconcile;

/**
 * {@code ReleaseLease}: the last write of a mesh's reconcile, whether the mesh was reconciled or failed, so that the
 * next run need not wait for the lease to expire. A lease this run no longer holds is left alone.
 */
public final class ReleaseLeaseService {

    private final MeshLeases leases;

    public ReleaseLeaseService(MeshLeases leases) {
        this.leases = leases;
    }

    public LeaseResult release(String meshId, String executionArn) {
        LeaseOutcome outcome = leases.release(meshId, executionArn) ? LeaseOutcome.RELEASED : LeaseOutcome.NOT_HELD;
        return new LeaseResult(meshId, outcome, executionArn, null);
    }
}
