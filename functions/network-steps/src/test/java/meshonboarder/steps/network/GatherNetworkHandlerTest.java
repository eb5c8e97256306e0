package meshonboarder.steps.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.testing.MeshTables;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6;
import meshonboarder.mesh.Member;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/**
 * GatherNetwork against EC2, EKS and SSM on a moto server. A dualstack NLB needs IPv6 CIDRs on its VPC and every
 * subnet (Elastic Load Balancing, "Update the IP address types for your Network Load Balancer", Dualstack
 * requirements: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-ip-address-type.html).
 */
class GatherNetworkHandlerTest {

    private static final String REGION = MotoServer.REGION;

    private final GatherNetworkHandler handler = new GatherNetworkHandler(MotoServer.wiring(Map.of(
            "EASTWEST_LB_SCHEME", "internet-facing")));

    /** The AWS post's topology: eks-1 (IPv4) in a single-stack IPv4 VPC, eks-2 (IPv6) in a dual-stack one. */
    record Post(String mesh, Cluster eks2, MotoNetwork.Vpc ipv4Vpc) {
    }

    static Post post(Map<String, String> ipv4SubnetTags) {
        String mesh = MotoServer.unique("mesh");
        String eks1 = MotoServer.unique("eks-1");
        String eks2 = MotoServer.unique("eks-2");
        MotoNetwork.Vpc ipv4Vpc = MotoNetwork.ipv4Vpc(REGION, 2, ipv4SubnetTags);
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(eks1, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV4,
                Map.of("istio-mesh", mesh), ipv4Vpc);
        new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.ensure()).register(new Member(mesh, eks1, REGION,
                "arn:aws:eks:" + REGION + ":" + MotoServer.ACCOUNT + ":cluster/" + eks1, IpFamily.IPV4, "net-1"));
        MotoNetwork.Vpc dualVpc = MotoNetwork.vpc(REGION, 2, 2, true);
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(eks2, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV6,
                Map.of("istio-mesh", mesh), dualVpc);
        return new Post(mesh, cluster(eks2, mesh, IpFamily.IPV6, dualVpc.vpcId()), ipv4Vpc);
    }

    static Cluster cluster(String name, String mesh, IpFamily family, String vpcId) {
        return new Cluster(name, REGION, mesh, "net-" + name, "arn:aws:eks:" + REGION + ":" + MotoServer.ACCOUNT
                + ":cluster/" + name, "ACTIVE", "https://" + name + ".example", family, vpcId, "1.33", "API", false);
    }

    @Test
    void handle_whenIpv6ClusterJoinsAnIpv4MemberInAnIpv4OnlyVpc_refusesWithTheVpcSubnetsAndCommands() {
        Post post = post(Map.of());

        assertThatThrownBy(() -> Lambdas.invoke(handler, Map.of("cluster", post.eks2())))
                .isInstanceOf(LoadBalancerSubnetsWithoutIpv6.class)
                .hasMessageContaining(post.ipv4Vpc().vpcId())
                .hasMessageContaining(post.ipv4Vpc().subnetIds().get(0))
                .hasMessageContaining(post.ipv4Vpc().subnetIds().get(1))
                .hasMessageContaining("aws ec2 associate-vpc-cidr-block --region " + REGION + " --vpc-id "
                        + post.ipv4Vpc().vpcId() + " --amazon-provided-ipv6-cidr-block")
                .hasMessageContaining("aws ec2 associate-subnet-cidr-block --region " + REGION + " --subnet-id "
                        + post.ipv4Vpc().subnetIds().get(0))
                .hasMessageContaining("Nothing was changed.")
                .hasMessageContaining("then start onboarding '" + post.eks2().clusterName() + "' again");
    }

    @Test
    void handle_whenTheUserAddedTheIpv6Cidrs_returnsDualstackGatewaysAndEveryMembersFacts() {
        Post post = post(Map.of("kubernetes.io/role/elb", "1"));
        assertThatThrownBy(() -> Lambdas.invoke(handler, Map.of("cluster", post.eks2())))
                .isInstanceOf(LoadBalancerSubnetsWithoutIpv6.class);

        MotoNetwork.addIpv6(REGION, post.ipv4Vpc());
        JsonNode network = Lambdas.invoke(handler, Map.of("cluster", post.eks2()));

        assertThat(network.path("gatewayAddressType").asText()).isEqualTo("dualstack");
        assertThat(network.path("loadBalancerScheme").asText()).isEqualTo("internet-facing");
        JsonNode self = network.path("members").get(0);
        assertThat(self.path("clusterName").asText()).isEqualTo(post.eks2().clusterName());
        assertThat(self.path("peer").asBoolean()).isFalse();
        JsonNode peer = network.path("members").get(1);
        assertThat(peer.path("peer").asBoolean()).isTrue();
        assertThat(peer.path("ipFamily").asText()).isEqualTo("ipv4");
        assertThat(peer.path("network").asText()).isEqualTo("net-1");
        assertThat(peer.path("vpcId").asText()).isEqualTo(post.ipv4Vpc().vpcId());
        assertThat(peer.path("vpcIpv6Cidrs").get(0).asText()).endsWith("/56");
        assertThat(peer.path("loadBalancerSubnets")).hasSize(2);
        assertThat(peer.path("loadBalancerSubnets").get(0).path("ipv6Cidrs").get(0).asText()).endsWith("/64");
        assertThat(peer.path("nodeSubnets")).hasSize(2);
    }

    @Test
    void handle_whenMeshHoldsIpv4ClustersOnly_asksIpv4GatewaysOfAnIpv4OnlyVpc() {
        String mesh = MotoServer.unique("mesh");
        String name = MotoServer.unique("eks");
        MotoNetwork.Vpc vpc = MotoNetwork.ipv4Vpc(REGION, 2, Map.of());
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(name, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV4,
                Map.of("istio-mesh", mesh), vpc);

        JsonNode network = Lambdas.invoke(handler, Map.of("cluster", cluster(name, mesh, IpFamily.IPV4, vpc.vpcId())));

        assertThat(network.path("gatewayAddressType").asText()).isEqualTo("ipv4");
        assertThat(network.path("gateways").asText()).isEqualTo("ipv4"); // no member follows an ipv4 mesh
        assertThat(network.path("members")).hasSize(1);
        assertThat(network.path("members").get(0).path("vpcIpv6Cidrs")).isEmpty();
    }

    @Test
    void handle_whenOnlyUntaggedSubnetsLackIpv6_looksAtTheRoleTaggedOnes() {
        String mesh = MotoServer.unique("mesh");
        String name = MotoServer.unique("eks");
        // two dual-stack subnets tagged for internet-facing NLBs, one IPv4-only subnet the controller never picks
        MotoNetwork.Vpc vpc = MotoNetwork.vpc(REGION, 3, 2, true);
        vpc.subnetIds().subList(0, 2).forEach(s -> MotoNetwork.tag(REGION, s, Map.of("kubernetes.io/role/elb", "1")));
        // fully qualified: EKS's IpFamily, not the domain's
        MotoNetwork.createCluster(name, REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV6,
                Map.of("istio-mesh", mesh), vpc);

        JsonNode network = Lambdas.invoke(handler, Map.of("cluster", cluster(name, mesh, IpFamily.IPV6, vpc.vpcId())));

        assertThat(network.path("members").get(0).path("loadBalancerSubnets").findValuesAsText("subnetId"))
                .containsExactlyInAnyOrderElementsOf(vpc.subnetIds().subList(0, 2));
    }

    @Test
    void handle_whenSingleNetwork_refusesNothingForGateways() {
        Post post = post(Map.of());
        GatherNetworkHandler single = new GatherNetworkHandler(MotoServer.wiring(Map.of("MESH_MODE", "single-network")));

        JsonNode network = Lambdas.invoke(single, Map.of("cluster", post.eks2()));

        assertThat(network.path("members")).hasSize(2);
    }
}
