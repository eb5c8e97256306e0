package meshonboarder.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.discovery.ClaimOnboardingService.ClaimOutcome;
import meshonboarder.reconcile.InMemoryMesh;
import org.junit.jupiter.api.Test;

class ClaimOnboardingServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Cluster EKS_2 = new Cluster("eks-2", "us-east-1", "mesh1", "net-2",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-2", "ACTIVE", "https://eks-2.example", IpFamily.IPV6,
            "vpc-2", "1.33", "API", false);

    private final InMemoryMesh mesh = new InMemoryMesh().cluster("eks-2", "ACTIVE", Map.of("istio-mesh", "mesh1"));
    private final InMemoryOnboardingRecords records = new InMemoryOnboardingRecords();
    private final ClaimOnboardingService service = new ClaimOnboardingService(records, mesh.eks());

    @Test
    void claim_whenTwoExecutionsStartForOneCluster_theSecondEndsAlreadyOnboardingWithoutAWrite() {
        assertThat(service.claim(EKS_2, "arn:exec:event", NOW).outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        int writes = records.writes();

        ClaimOnboardingService.Claim second = service.claim(EKS_2, "arn:exec:discovery", NOW.plusSeconds(60));

        assertThat(second.outcome()).isEqualTo(ClaimOutcome.ALREADY_ONBOARDING);
        assertThat(second.holder()).isEqualTo("arn:exec:event");
        assertThat(records.writes()).isEqualTo(writes);
    }

    @Test
    void claim_whenTheSameExecutionRetries_keepsItsClaim() {
        service.claim(EKS_2, "arn:exec:1", NOW);

        assertThat(service.claim(EKS_2, "arn:exec:1", NOW.plusSeconds(5)).outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    }

    @Test
    void claim_whenTheHolderStoppedWithoutReleasing_lapsesWithTheStateMachineTimeLimit() {
        service.claim(EKS_2, "arn:exec:stopped", NOW);

        Instant later = NOW.plus(ClaimOnboardingService.CLAIM_FOR).plusSeconds(1);
        assertThat(service.claim(EKS_2, "arn:exec:next", later).outcome()).isEqualTo(ClaimOutcome.CLAIMED);
    }

    @Test
    void claim_afterAFailure_keepsTheFirstAttemptAndRecordsTheTagsItStartsFrom() {
        service.claim(EKS_2, "arn:exec:1", NOW);
        records.finish("us-east-1", "eks-2", "arn:exec:1", OnboardingOutcome.FAILED, "CniTooOld", NOW.plusSeconds(90));

        service.claim(EKS_2, "arn:exec:2", NOW.plusSeconds(7200));

        OnboardingRecord record = records.find("us-east-1", "eks-2").orElseThrow();
        assertThat(record.firstAttemptAt()).isEqualTo(NOW);
        assertThat(record.lastAttemptAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(record.tagsDigest()).isEqualTo(TagsDigest.of(Map.of("istio-mesh", "mesh1")));
        assertThat(record.lastError()).isEqualTo("CniTooOld");
    }
}
