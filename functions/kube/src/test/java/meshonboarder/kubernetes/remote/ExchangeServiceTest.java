package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrivateApiEndpoint;
import meshonboarder.errors.Transient;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeResult;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeServiceTest {

    private MockClusters clusters;
    private final Set<String> privateOnly = ConcurrentHashMap.newKeySet();
    private final ApiServers apiServers = (region, name) -> new ApiServer(clusters.endpoint(name),
            clusters.certificateAuthority(name), !privateOnly.contains(name));

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        clusters.start("eks-b");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private ExchangeService service(boolean privateApiEndpoints) {
        return new ExchangeService(clusters.connector(), apiServers, new ReaderIdentity(), new SecretOperator(),
                new ExchangeSettings(privateApiEndpoints));
    }

    private static Cluster cluster(String name) {
        return new Cluster(name, "us-east-1", "mesh1", "net-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                "ACTIVE", "https://example.eks.amazonaws.com", IpFamily.IPV4, "vpc-1", "1.33", "API", false);
    }

    private static Member member(String name, String region) {
        return new Member("mesh1", name, region, "arn:aws:eks:" + region + ":123456789012:cluster/" + name,
                IpFamily.IPV6, "net-2");
    }

    @Test
    void exchange_whenBothReadersReady_writesBothWays() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");

        ExchangeResult result = service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        assertThat(result.status()).isEqualTo("EXCHANGED");
        assertThat(result.intoCluster()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(result.intoPeer()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(result.peer().clusterName()).isEqualTo("eks-b");
    }

    @Test
    void exchange_whenThePeersTokenIsNotFilledYet_isTransientAndWritesNothing() {
        clusters.readerReady("eks-a");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1")))
                .isInstanceOf(Transient.class).hasMessageContaining("mesh1/eks-b");

        try (KubernetesClient a = clusters.client("eks-a"); KubernetesClient b = clusters.client("eks-b")) {
            assertThat(a.secrets().inNamespace("istio-system").withLabel("istio/multiCluster").list().getItems()).isEmpty();
            assertThat(b.secrets().inNamespace("istio-system").withLabel("istio/multiCluster").list().getItems()).isEmpty();
            // the peer's reader identity was ensured on the way: the token controller can fill it for the retry
            assertThat(b.serviceAccounts().inNamespace("istio-system").withName("istio-reader-service-account").get())
                    .isNotNull();
        }
    }

    @Test
    void exchange_whenAnEndpointIsPrivateOnly_refusesUnlessTheMeshSaysItIsConnected() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");
        privateOnly.add("eks-b");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1")))
                .isInstanceOf(PrivateApiEndpoint.class)
                .hasMessageContaining("'eks-b' has a private API endpoint only")
                .hasMessageContaining("PRIVATE_API_ENDPOINTS=true");

        assertThat(service(true).exchange(cluster("eks-a"), member("eks-b", "us-east-1")).status())
                .isEqualTo("EXCHANGED");
    }

    @Test
    void exchange_whenThePeerHasTheSameNameInAnotherRegion_failsWithClusterNameTaken() {
        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-a", "eu-west-1")))
                .isInstanceOf(ClusterNameTaken.class).hasMessageContaining("unique cluster names");
    }

    @Test
    void exchange_whenThePeerIsInAnotherMesh_failsWithInvalidInput() {
        Member other = new Member("mesh2", "eks-b", "us-east-1", "arn", IpFamily.IPV4, "net-2");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), other)).isInstanceOf(InvalidInput.class);
    }
}
