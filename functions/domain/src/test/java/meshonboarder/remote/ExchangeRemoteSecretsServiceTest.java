package meshonboarder.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrivateApiEndpoint;
import meshonboarder.errors.Transient;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

/**
 * ExchangeRemoteSecrets on in-memory clusters: the pair rules, both directions, and what a second run writes. The
 * Kubernetes side of the same: KubernetesRemoteSecretClustersTest and RemoteSecretsFlowTest.
 */
class ExchangeRemoteSecretsServiceTest {

    private final InMemoryRemoteSecretClusters clusters = new InMemoryRemoteSecretClusters();
    private final Set<String> privateOnly = ConcurrentHashMap.newKeySet();
    private final List<String> described = new ArrayList<>();
    private final ApiServers apiServers = (region, name) -> {
        described.add(name);
        return server(name);
    };

    private ApiServer server(String name) {
        return new ApiServer("https://" + name + ".example", "Q0E=", !privateOnly.contains(name));
    }

    private ExchangeRemoteSecretsService service(boolean privateApiEndpoints) {
        return new ExchangeRemoteSecretsService(clusters, apiServers, new ExchangeSettings(privateApiEndpoints));
    }

    private static Cluster cluster(String name) {
        return new Cluster(name, "us-east-1", "mesh1", "net-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                "ACTIVE", "https://" + name + ".example", IpFamily.IPV4, "vpc-1", "1.33", "API", false);
    }

    private static Member member(String name, String region) {
        return new Member("mesh1", name, region, "arn:aws:eks:" + region + ":123456789012:cluster/" + name,
                IpFamily.IPV6, "net-2");
    }

    @Test
    void exchange_whenBothReadersAreFilled_writesEachSidesKubeconfigIntoTheOther() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");

        ExchangeResult result = service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        assertThat(result).isEqualTo(new ExchangeResult(member("eks-b", "us-east-1"), ExchangeStatus.EXCHANGED,
                ApplyOutcome.CREATED, ApplyOutcome.CREATED));
        assertThat(clusters.side("eks-b").held("eks-a")).isEqualTo(new ReaderKubeconfig("eks-a", server("eks-a"),
                clusters.side("eks-a").token()));
        assertThat(clusters.side("eks-a").held("eks-b")).isEqualTo(new ReaderKubeconfig("eks-b", server("eks-b"),
                clusters.side("eks-b").token()));
        assertThat(clusters.writes()).containsExactly("write eks-a into eks-b: CREATED",
                "write eks-b into eks-a: CREATED");
    }

    @Test
    void exchange_whenDescribedOnce_connectsToEachSideWithTheServerItDescribed() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");

        service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        assertThat(described).containsExactly("eks-a", "eks-b");
        assertThat(clusters.log).filteredOn(l -> l.startsWith("connect ")).containsExactly(
                "connect eks-a to https://eks-a.example", "connect eks-b to https://eks-b.example");
    }

    @Test
    void exchange_whenRunAgain_changesNothing() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");
        service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        ExchangeResult again = service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        assertThat(again.intoCluster()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(again.intoPeer()).isEqualTo(ApplyOutcome.UNCHANGED);
    }

    @Test
    void exchange_whenThePeersTokenWasRenewed_rewritesOnlyTheNewClustersCopyOfIt() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");
        service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));
        clusters.fill("eks-b");

        ExchangeResult again = service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1"));

        assertThat(again.intoCluster()).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(again.intoPeer()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(clusters.side("eks-a").held("eks-b").token()).isEqualTo(clusters.side("eks-b").token());
    }

    @Test
    void exchange_whenThePeersTokenIsNotFilledYet_isTransientAndWritesNothingButEnsuresItsReader() {
        clusters.readerReady("eks-a");
        clusters.add("eks-b");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1")))
                .isInstanceOf(Transient.class).hasMessageContaining("mesh1/eks-b")
                .hasMessageContaining("istio-reader-service-account");

        assertThat(clusters.writes()).isEmpty();
        // the token controller can fill it for the retry
        assertThat(clusters.side("eks-b").readerExists()).isTrue();
    }

    @Test
    void exchange_whenAnEndpointIsPrivateOnly_refusesBeforeConnectingUnlessTheMeshSaysItIsConnected() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");
        privateOnly.add("eks-b");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1")))
                .isInstanceOf(PrivateApiEndpoint.class)
                .hasMessageContaining("'eks-b' has a private API endpoint only")
                .hasMessageContaining("istiod in 'eks-a'")
                .hasMessageContaining("PRIVATE_API_ENDPOINTS=true");
        assertThat(clusters.log).isEmpty();

        assertThat(service(true).exchange(cluster("eks-a"), member("eks-b", "us-east-1")).status())
                .isEqualTo(ExchangeStatus.EXCHANGED);
    }

    @Test
    void exchange_whenThePeerHasTheSameNameInAnotherRegion_failsWithClusterNameTakenBeforeAnyCall() {
        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), member("eks-a", "eu-west-1")))
                .isInstanceOf(ClusterNameTaken.class).hasMessageContaining("unique cluster names");
        assertThat(described).isEmpty();
    }

    @Test
    void exchange_whenThePeerIsInAnotherMesh_failsWithInvalidInputBeforeAnyCall() {
        Member other = new Member("mesh2", "eks-b", "us-east-1", "arn", IpFamily.IPV4, "net-2");

        assertThatThrownBy(() -> service(false).exchange(cluster("eks-a"), other)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("mesh2");
        assertThat(described).isEmpty();
    }

    /** The Map item the state machine keeps: the same field names and values as before the enum. */
    @Test
    void result_whenWritten_isTheMapItemTheStateMachineReads() {
        clusters.readerReady("eks-a");
        clusters.readerReady("eks-b");

        var json = Json.MAPPER.valueToTree(service(false).exchange(cluster("eks-a"), member("eks-b", "us-east-1")));

        assertThat(json.path("status").asText()).isEqualTo("EXCHANGED");
        assertThat(json.path("intoCluster").asText()).isEqualTo("CREATED");
        assertThat(json.path("peer").path("clusterName").asText()).isEqualTo("eks-b");
        assertThat(json.toString()).doesNotContain(clusters.side("eks-a").token().value());
    }
}
