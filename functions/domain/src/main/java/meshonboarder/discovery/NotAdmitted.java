package meshonboarder.discovery;

import java.time.Instant;

/**
 * A tagged cluster that is out of its mesh and that this run does not start: its last onboarding failed with
 * {@code lastError} and is retried at {@code retryAt}, or at once when its tags change.
 *
 * @param outsideSince when its first onboarding started
 */
public record NotAdmitted(String clusterName, String region, NotAdmittedReason reason, String lastError,
                          Instant retryAt, Instant outsideSince) {
}
