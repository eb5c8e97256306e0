package meshonboarder.reconcile;

import java.time.Duration;
import java.time.Instant;

/**
 * A mesh's reconcile lease: the ReconcileMesh execution that holds it, and until when.
 *
 * @param holder the execution's ARN ({@code $$.Execution.Id})
 */
public record Lease(String meshId, String holder, Instant expiresAt) {

    /**
     * How long a lease lasts past its last renewal. RenewLease renews it before each member of the rollout, so it
     * must outlast one member's upgrade at the template's bounds: InstallIstio's 7 attempts of up to 600 s each with
     * the waits between them (about 73 minutes), then WaitIstioReady's loop of at most IstioReadyTimeoutSeconds'
     * 360 s, and a SnapStart restore's 17 minutes of retries: about 97 minutes in the worst case. Two hours keep a
     * margin, and a run whose execution was stopped holds its mesh for no more than two scheduled runs
     * (docs/reconciler.md, One run per mesh).
     */
    public static final Duration TERM = Duration.ofHours(2);

    /** Whether another run may take it at {@code now}. */
    public boolean expired(Instant now) {
        return expiresAt.isBefore(now);
    }
}
