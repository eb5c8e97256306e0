package meshonboarder.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * What mesh-onboarder knows of the onboardings of one cluster: which execution holds it now, and how the last one
 * ended. {@code ClaimOnboarding} writes it when an onboarding starts, {@code Announce} when it ends; discovery reads
 * it to start each tagged cluster once, and to retry a failed one no more often than its retry period.
 *
 * @param holder         the execution that onboards the cluster now; null when none does
 * @param expiresAt      when the holder's claim lapses, so that an execution that was stopped holds nothing for good
 * @param lastOutcome    how the last finished onboarding ended; null before the first one ended
 * @param lastError      the named error of the last failed onboarding; null otherwise
 * @param firstAttemptAt the first onboarding's start: how long the cluster has been tagged and out of the mesh
 * @param tagsDigest     digest of the cluster's tags at the last claim ({@link TagsDigest}): a tag change retries at
 *                       once; null when the last onboarding failed before its claim
 */
public record OnboardingRecord(String region, String clusterName, String meshId, String holder, Instant expiresAt,
                               OnboardingOutcome lastOutcome, String lastError, Instant firstAttemptAt,
                               Instant lastAttemptAt, String tagsDigest) {

    /** An execution holds the cluster and its claim has not lapsed. */
    public boolean running(Instant now) {
        return holder != null && expiresAt != null && expiresAt.isAfter(now);
    }

    /**
     * The last onboarding failed, the tags are the same, and the retry period has not passed since it started. An
     * onboarding that failed before it took its claim (in Resolve) left no digest: only the period counts then.
     */
    public boolean waitingToRetry(Instant now, Duration retryPeriod, String currentTagsDigest) {
        return lastOutcome == OnboardingOutcome.FAILED
                && (tagsDigest == null || tagsDigest.equals(currentTagsDigest))
                && lastAttemptAt != null && lastAttemptAt.plus(retryPeriod).isAfter(now);
    }
}
