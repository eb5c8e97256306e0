package meshonboarder.steps.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.NetworkFacts;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One peer's east-west gateway in the onboarding's per-peer Map, on a stand-in API server and the moto mesh table. */
class FollowGatewayHandlerTest {

    private final String mesh = MotoServer.unique("mesh");
    private final DynamoMeshMembers members = new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.ensure());
    private HelmReadyMockServer server;
    private KubernetesClient client;
    private Path charts;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        charts = StandInCharts.shared("1.30.4");
        server = HelmReadyMockServer.start();
        client = server.client();
        env = Map.of("ISTIO_CHART_REPOSITORY", StandInCharts.url(charts));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** eks-1 (IPv4) onboarded into an IPv4 mesh by InstallIstio, and recorded so. */
    private Member ipv4Member() {
        Cluster eks1 = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");
        Cluster cluster = new Cluster(eks1.clusterName(), eks1.region(), mesh, eks1.network(), eks1.clusterArn(),
                eks1.status(), eks1.endpoint(), eks1.ipFamily(), eks1.vpcId(), eks1.kubernetesVersion(),
                eks1.authenticationMode(), eks1.autoMode());
        Lambdas.invoke(new InstallIstioHandler(MotoServer.wiring(env), (region, name) -> server.client()),
                Map.of("cluster", cluster, "network", new NetworkFacts(GatewayAddressType.IPV4,
                        LoadBalancerScheme.INTERNAL, List.of())));
        Member member = Member.of(cluster, GatewayAddressType.IPV4);
        members.register(member);
        return member;
    }

    private JsonNode follow(Member peer, KubernetesClient peerClient) {
        return Lambdas.invoke(new FollowGatewayHandler(MotoServer.wiring(env), (region, name) -> peerClient),
                Map.of("peer", peer, "gatewayAddressType", "dualstack"));
    }

    @Test
    void handle_whenTheMeshBecomesMixed_switchesThePeerOnceAndRecordsIt() {
        Member peer = ipv4Member();

        JsonNode first = follow(peer, server.client());

        assertThat(first.path("outcome").asText()).isEqualTo("UPGRADED");
        assertThat(addressType()).isEqualTo("dualstack");
        assertThat(members.list(mesh)).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.DUALSTACK);
        // only the address type changed: the gateway keeps its network
        assertThat(client.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata()
                .getLabels()).containsEntry("topology.istio.io/network", "net-a");

        // the next onboarding reads the record (ListPeers) and does not visit the peer
        String version = client.services().inNamespace("istio-system").withName("istio-eastwestgateway").get()
                .getMetadata().getResourceVersion();
        JsonNode again = follow(members.list(mesh).get(0), server.client());
        assertThat(again.path("outcome").asText()).isEqualTo("RECORDED");
        assertThat(client.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata()
                .getResourceVersion()).isEqualTo(version);
    }

    /**
     * Issue 25: a peer whose API server is down (connection refused) fails its own Map item only, with Transient,
     * which the item's Retry and then its Catch (UNREACHED) take; its record is left as it was.
     */
    @Test
    void handle_whenThePeerMustChangeAndIsDown_failsTransientAndRecordsNothing() {
        Member peer = ipv4Member();
        HelmReadyMockServer downServer = HelmReadyMockServer.start();
        KubernetesClient down = downServer.client();
        downServer.close();

        assertThatThrownBy(() -> follow(peer, down)).isInstanceOf(Transient.class);
        assertThat(members.list(mesh)).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.IPV4);
        down.close();
    }

    /** A peer that is down but recorded dualstack is not visited at all: nothing about it can fail. */
    @Test
    void handle_whenThePeerIsRecordedDualstackAndIsDown_isNotVisited() {
        Member peer = ipv4Member().withGatewayAddressType(GatewayAddressType.DUALSTACK);
        HelmReadyMockServer downServer = HelmReadyMockServer.start();
        KubernetesClient down = downServer.client();
        downServer.close();

        assertThat(follow(peer, down).path("outcome").asText()).isEqualTo("RECORDED");
        down.close();
    }

    private String addressType() {
        return client.services().inNamespace("istio-system").withName("istio-eastwestgateway").get().getMetadata()
                .getAnnotations().get("service.beta.kubernetes.io/aws-load-balancer-ip-address-type");
    }
}
