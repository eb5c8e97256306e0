package meshonboarder.pki;

import java.time.Instant;

/**
 * What retiring a cluster's intermediate CA did.
 *
 * @param secretArn    null when there was no secret
 * @param deletionDate when Secrets Manager deletes it for good; null unless this call scheduled it
 */
public record Retirement(String secretName, String secretArn, Outcome outcome, Instant deletionDate) {

    public enum Outcome {
        /** Scheduled for deletion now; restorable until the deletion date. */
        SCHEDULED,
        /** An earlier retirement scheduled it already (or it was deleted for good meanwhile). */
        ALREADY_SCHEDULED,
        /** There was no intermediate to retire (never onboarded, or deleted for good). */
        ABSENT
    }
}
