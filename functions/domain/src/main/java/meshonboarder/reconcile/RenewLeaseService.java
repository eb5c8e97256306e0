package meshonboarder.reconcile;

import java.time.Instant;
import meshonboarder.errors.LeaseLost;

/**
 * {@code RenewLease}: before each member of the Istio rollout, the run extends its lease by one {@link Lease#TERM}
 * from now, or stops with {@code LeaseLost} when it holds it no longer: two rollouts never upgrade members of one
 * mesh at once.
 */
public final class RenewLeaseService {

    private final MeshLeases leases;

    public RenewLeaseService(MeshLeases leases) {
        this.leases = leases;
    }

    public LeaseResult renew(String meshId, String executionArn, Instant now) {
        Lease renewed = new Lease(meshId, executionArn, now.plus(Lease.TERM));
        if (!leases.renew(renewed)) {
            throw new LeaseLost("This run no longer holds the reconcile lease of mesh " + meshId + ": it outlived its "
                    + "term of " + Lease.TERM.toHours() + " hours and another run took the mesh, so this one upgrades "
                    + "no further member. Nothing to fix: the run that holds the lease goes on. If it recurs, find the "
                    + "step that took so long (the execution's history) and lower its time limit.");
        }
        return new LeaseResult(meshId, LeaseOutcome.RENEWED, executionArn, renewed.expiresAt());
    }
}
