package meshonboarder.steps.network;

import static meshonboarder.steps.network.GatherNetworkHandlerTest.cluster;
import static meshonboarder.steps.network.GatherNetworkHandlerTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.testing.MeshTables;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6;
import meshonboarder.mesh.Member;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** RecheckNetwork after RegisterMember, against EC2, EKS and SSM on a moto server, with GatherNetwork's settings. */
class RecheckNetworkHandlerTest {

    private static final String REGION = MotoServer.REGION;
    private static final Map<String, String> ENV = Map.of("EASTWEST_LB_SCHEME", "internet-facing");

    private final GatherNetworkHandler gather = new GatherNetworkHandler(MotoServer.wiring(ENV));
    private final RecheckNetworkHandler handler = new RecheckNetworkHandler(MotoServer.wiring(ENV));

    /**
     * Two clusters onboarding at once: the second registers after the first's GatherNetwork. RecheckNetwork, after
     * the first's RegisterMember, sees it, and its gateways line differs: the onboarding runs again from GatherNetwork.
     */
    @Test
    void handle_whenAMemberRegisteredAfterTheFirstGather_isChangedWithTheNewGatewaysLine() {
        String mesh = MotoServer.unique("mesh");
        String eks2 = MotoServer.unique("eks-2");
        String eks3 = MotoServer.unique("eks-3");
        MotoNetwork.Vpc vpc = MotoNetwork.vpc(REGION, 2, 2, true);
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(eks2, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV6,
                Map.of("istio-mesh", mesh), vpc);
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(eks3, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV4,
                Map.of("istio-mesh", mesh), vpc);
        Cluster self = cluster(eks2, mesh, IpFamily.IPV6, vpc.vpcId());
        JsonNode network = Lambdas.invoke(gather, Map.of("cluster", self));
        JsonNode unchanged = Lambdas.invoke(handler, Map.of("cluster", self, "network", network));

        new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.ensure()).register(new Member(mesh, eks3, REGION,
                "arn:aws:eks:" + REGION + ":" + MotoServer.ACCOUNT + ":cluster/" + eks3, IpFamily.IPV4, "net-3"));
        JsonNode changed = Lambdas.invoke(handler, Map.of("cluster", self, "network", network));

        assertThat(unchanged.path("change").asText()).isEqualTo("UNCHANGED");
        assertThat(unchanged.path("gateways").asText()).isEqualTo("dualstack " + REGION + "/" + eks2);
        assertThat(changed.path("change").asText()).isEqualTo("CHANGED");
        assertThat(changed.path("gateways").asText())
                .isEqualTo("dualstack " + REGION + "/" + eks2 + " " + REGION + "/" + eks3);
        // the line only: the state keeps one copy of the members' facts, in $.network
        assertThat(changed.has("members")).isFalse();
    }

    /** After RegisterMember: the refusal says what this onboarding had done, not "nothing". */
    @Test
    void handle_whenAMemberLacksIpv6_refusesSayingTheClusterIsInstalledAndRegistered() {
        GatherNetworkHandlerTest.Post post = post(Map.of());
        Map<String, Object> gathered = Map.of("gatewayAddressType", "dualstack");

        assertThatThrownBy(() -> Lambdas.invoke(handler, Map.of("cluster", post.eks2(), "network", gathered)))
                .isInstanceOf(LoadBalancerSubnetsWithoutIpv6.class)
                .hasMessageContaining(post.ipv4Vpc().vpcId())
                .hasMessageNotContaining("Nothing was changed")
                .hasMessageContaining("its Istio is installed and it is registered, but no remote secret was "
                        + "exchanged")
                .hasMessageContaining("then start onboarding '" + post.eks2().clusterName() + "' again: it completes");
    }

    @Test
    void handle_whenGatherNetworksResultIsMissing_failsNamingIt() {
        GatherNetworkHandlerTest.Post post = post(Map.of());

        assertThatThrownBy(() -> Lambdas.invoke(handler, Map.of("cluster", post.eks2())))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("$.network (the output of GatherNetwork)");
    }
}
