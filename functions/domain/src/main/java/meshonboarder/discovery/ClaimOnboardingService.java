package meshonboarder.discovery;

import java.time.Duration;
import java.time.Instant;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ClaimOnboarding}: the onboarding takes its cluster's claim before its first write. Of two executions for
 * one cluster (a CreateCluster event and the discovery a minute later, or a person starting one by hand), the second
 * finds the claim held and ends {@code ALREADY_ONBOARDING}, writing nothing; the conditional write decides, not a
 * read before it. The claim lapses with the state machine's own time limit, so a stopped execution holds nothing
 * for good; {@code Announce} releases it at the end.
 */
public final class ClaimOnboardingService {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimOnboardingService.class);
    /** OnboardCluster's TimeoutSeconds: no execution outlives its claim (a contract test holds the two together). */
    public static final Duration CLAIM_FOR = Duration.ofHours(6);

    private final OnboardingRecords records;
    private final EksClusters clusters;

    public ClaimOnboardingService(OnboardingRecords records, EksClusters clusters) {
        this.records = records;
        this.clusters = clusters;
    }

    public Claim claim(Cluster cluster, String executionArn, Instant now) {
        // the tags the onboarding starts from: discovery retries a failed one at once when they change
        String digest = clusters.describe(cluster.region(), cluster.clusterName())
                .map(eks -> TagsDigest.of(eks.tags())).orElse(null);
        boolean claimed = records.claim(cluster.region(), cluster.clusterName(), cluster.meshId(), executionArn, now,
                now.plus(CLAIM_FOR), digest);
        if (claimed) {
            return new Claim(ClaimOutcome.CLAIMED, executionArn);
        }
        String holder = records.find(cluster.region(), cluster.clusterName()).map(OnboardingRecord::holder)
                .orElse(null);
        LOG.info("{} is being onboarded by {}: this execution ends without a write", cluster.ref(), holder);
        return new Claim(ClaimOutcome.ALREADY_ONBOARDING, holder);
    }

    /**
     * The claim's result ({@code $.claim}).
     *
     * @param holder the execution that onboards the cluster: this one, or the one that held it first
     */
    public record Claim(ClaimOutcome outcome, String holder) {
    }

    /** Whether this execution goes on. */
    public enum ClaimOutcome {
        CLAIMED,
        ALREADY_ONBOARDING
    }
}
