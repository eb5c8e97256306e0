package meshonboarder.reconcile;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AcquireLease}: the first step of a mesh's reconcile. The run takes the mesh's lease for one {@link Lease#TERM}
 * (a conditional write), or finds that another run holds it and ends for that mesh {@code ALREADY_RUNNING}, having
 * written nothing. The condition decides, not the read before it: of two runs that start together, one takes it. A
 * lease whose holder stopped without releasing it expires, and the next run takes it.
 */
public final class AcquireLeaseService {

    private static final Logger LOG = LoggerFactory.getLogger(AcquireLeaseService.class);

    private final MeshLeases leases;

    public AcquireLeaseService(MeshLeases leases) {
        this.leases = leases;
    }

    public LeaseResult acquire(String meshId, String executionArn, Instant now) {
        Optional<Lease> current = leases.find(meshId).filter(l -> !l.expired(now));
        if (current.isPresent() && current.get().holder().equals(executionArn)) {
            // this step ran again in the same run: it holds the lease already, nothing to write
            return new LeaseResult(meshId, LeaseOutcome.ACQUIRED, executionArn, current.get().expiresAt());
        }
        Lease mine = new Lease(meshId, executionArn, now.plus(Lease.TERM));
        if (current.isEmpty() && leases.take(mine, now)) {
            return new LeaseResult(meshId, LeaseOutcome.ACQUIRED, executionArn, mine.expiresAt());
        }
        // held, or taken between the read and the write
        Lease other = current.or(() -> leases.find(meshId)).orElse(new Lease(meshId, null, null));
        LOG.info("mesh {} is reconciled by {} (its lease runs until {}): this run leaves it alone", meshId,
                other.holder(), other.expiresAt());
        return new LeaseResult(meshId, LeaseOutcome.ALREADY_RUNNING, other.holder(), other.expiresAt());
    }
}
