package meshonboarder.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.wait.PollPolicy;
import org.junit.jupiter.api.Test;

/** The EnsureReader loop on an in-memory cluster; the reader identity on Kubernetes: ReaderIdentityTest. */
class EnsureReaderServiceTest {

    private static final Cluster CLUSTER = new Cluster("eks-a", "us-east-1", "mesh1", "net-1",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-a", "ACTIVE", "https://example", IpFamily.IPV4, "vpc-1",
            "1.33", "API", false);

    private final InMemoryRemoteSecretClusters clusters = new InMemoryRemoteSecretClusters();
    private final EnsureReaderService service = new EnsureReaderService(clusters, new PollPolicy(10, 30));

    @Test
    void check_whenTheTokenIsFilledOnTheSecondLook_loopsOnceAndRemembersWhatItCreated() {
        clusters.add("eks-a");
        ReaderWait first = service.check(CLUSTER, null);

        assertThat(first).isEqualTo(new ReaderWait(false, 1, 10, InMemoryRemoteSecretClusters.TOKEN_SECRET, true));

        clusters.fill("eks-a");
        ReaderWait second = service.check(CLUSTER, first);

        assertThat(second).isEqualTo(new ReaderWait(true, 2, 10, InMemoryRemoteSecretClusters.TOKEN_SECRET, true));
        assertThat(service.check(CLUSTER, null).created()).isFalse();
    }

    @Test
    void check_whenNeverFilled_endsWithWaitTimedOutSayingWhatTheTokenControllerNeeds() {
        clusters.add("eks-a");
        ReaderWait check = service.check(CLUSTER, null);
        check = service.check(CLUSTER, check);
        ReaderWait last = service.check(CLUSTER, check);

        assertThat(last.attempt()).isEqualTo(3);
        assertThatThrownBy(() -> service.check(CLUSTER, last))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("Gave up after 30 s waiting for the token controller of cluster 'eks-a'")
                .hasMessageContaining("ServiceAccount istio-reader-service-account exists");
    }
}
