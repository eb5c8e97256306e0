package meshonboarder.reconcile;

import java.time.Instant;

/**
 * A lease step's result: the mesh, what the step did, the holder (this run, or the run that holds the mesh when
 * {@code ALREADY_RUNNING}) and until when (null once released).
 */
public record LeaseResult(String meshId, LeaseOutcome outcome, String holder, Instant expiresAt) {
}
