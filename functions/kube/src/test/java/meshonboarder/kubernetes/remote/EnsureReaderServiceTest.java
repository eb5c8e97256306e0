package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.remote.ReaderWait;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.TokenController;
import meshonboarder.wait.PollPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnsureReaderServiceTest {

    private static final Cluster CLUSTER = new Cluster("eks-a", "us-east-1", "mesh1", "net-1",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-a", "ACTIVE", "https://example", IpFamily.IPV4, "vpc-1",
            "1.33", "API", false);

    private MockClusters clusters;
    private EnsureReaderService service;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        service = new EnsureReaderService(clusters.connector(), new ReaderIdentity(), new PollPolicy(10, 30));
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    @Test
    void check_whenTheTokenIsFilledOnTheSecondLook_loopsOnceAndRemembersWhatItCreated() {
        ReaderWait first = service.check(CLUSTER, null);

        assertThat(first).isEqualTo(new ReaderWait(false, 1, 10,
                "istio-reader-service-account-istio-remote-secret-token", true));

        try (KubernetesClient client = clusters.client("eks-a")) {
            TokenController.fill(client, "istio-system", clusters.certificateAuthority("eks-a"));
        }
        ReaderWait second = service.check(CLUSTER, first);

        assertThat(second).isEqualTo(new ReaderWait(true, 2, 10,
                "istio-reader-service-account-istio-remote-secret-token", true));
        assertThat(service.check(CLUSTER, null).created()).isFalse();
    }

    @Test
    void check_whenNeverFilled_endsWithWaitTimedOut() {
        ReaderWait check = service.check(CLUSTER, null);
        check = service.check(CLUSTER, check);
        ReaderWait last = service.check(CLUSTER, check);

        assertThat(last.attempt()).isEqualTo(3);
        assertThatThrownBy(() -> service.check(CLUSTER, last))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("Gave up after 30 s waiting for the token controller of cluster 'eks-a'");
    }
}
