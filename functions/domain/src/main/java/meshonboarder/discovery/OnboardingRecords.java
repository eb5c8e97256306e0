package meshonboarder.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: one {@link OnboardingRecord} per cluster. {@link #claim} is the only way an onboarding starts its work, and
 * the store makes it atomic (a conditional write), so two executions started for one cluster at any moments (an
 * event, the schedule, a deploy, a person) never both go on.
 */
public interface OnboardingRecords {

    /** Every record, in no particular order. */
    List<OnboardingRecord> list();

    Optional<OnboardingRecord> find(String region, String clusterName);

    /**
     * Makes {@code holder} the cluster's holder until {@code expiresAt}, when no other execution holds an unexpired
     * claim; keeps the first attempt's time. Returns false, writing nothing, when another execution holds it.
     */
    boolean claim(String region, String clusterName, String meshId, String holder, Instant now, Instant expiresAt,
                  String tagsDigest);

    /** Records how {@code holder}'s onboarding ended and releases the claim; does nothing when another holds it. */
    void finish(String region, String clusterName, String holder, OnboardingOutcome outcome, String error,
                Instant now);
}
