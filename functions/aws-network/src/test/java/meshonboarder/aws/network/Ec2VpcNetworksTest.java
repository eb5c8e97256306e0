package meshonboarder.aws.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.network.Vpc;
import meshonboarder.network.VpcSubnet;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** Ec2VpcNetworks against EC2 on a moto server. */
class Ec2VpcNetworksTest {

    private final Ec2VpcNetworks vpcs = new Ec2VpcNetworks(MotoServer.aws());

    @Test
    void describe_whenSomeSubnetsDualStack_tellsTheirIpv6CidrsAndWhetherTheyAssignThem() {
        MotoNetwork.Vpc made = MotoNetwork.vpc(MotoServer.REGION, 3, 2, true);

        Vpc vpc = vpcs.describe(MotoServer.REGION, made.vpcId()).orElseThrow();

        assertThat(vpc.ipv6Cidrs()).singleElement().asString().endsWith("/56");
        assertThat(vpc.subnets()).extracting(VpcSubnet::subnetId).containsExactlyInAnyOrderElementsOf(made.subnetIds());
        VpcSubnet first = vpc.subnets().stream().filter(s -> s.subnetId().equals(made.subnetIds().get(0))).findFirst()
                .orElseThrow();
        assertThat(first.ipv6Cidrs()).singleElement().asString().endsWith("/64");
        assertThat(first.assignsIpv6()).isTrue();
        VpcSubnet third = vpc.subnets().stream().filter(s -> s.subnetId().equals(made.subnetIds().get(2))).findFirst()
                .orElseThrow();
        assertThat(third.hasIpv6()).isFalse();
        assertThat(third.assignsIpv6()).isFalse();
    }

    @Test
    void describe_whenIpv4OnlyVpcWithRoleTags_hasNoIpv6AndKeepsTheTags() {
        MotoNetwork.Vpc made = MotoNetwork.ipv4Vpc(MotoServer.REGION, 1, Map.of("kubernetes.io/role/elb", "1"));

        Vpc vpc = vpcs.describe(MotoServer.REGION, made.vpcId()).orElseThrow();

        assertThat(vpc.hasIpv6()).isFalse();
        assertThat(vpc.subnets()).singleElement().satisfies(s -> {
            assertThat(s.hasIpv6()).isFalse();
            assertThat(s.tags()).containsEntry("kubernetes.io/role/elb", "1");
        });
    }

    @Test
    void vpcOf_whenSubnetExists_namesItsVpc_whenGone_isEmpty() {
        MotoNetwork.Vpc made = MotoNetwork.vpc(MotoServer.REGION, 1, 0, false);

        assertThat(vpcs.vpcOf(MotoServer.REGION, made.subnetIds().get(0))).contains(made.vpcId());
        assertThat(vpcs.vpcOf(MotoServer.REGION, "subnet-0deadbeef0000000")).isEmpty();
        assertThat(vpcs.describe(MotoServer.REGION, "vpc-0deadbeef0000000")).isEmpty();
    }

    /** SnapStart priming runs GatherNetwork on the priming clients: EC2's answers there are empty, and in-process. */
    @Test
    void describe_whenPrimingClients_findsNothingAndReachesNoNetwork() {
        try (AwsClients priming = AwsClients.priming("eu-west-1")) {
            Ec2VpcNetworks primed = new Ec2VpcNetworks(priming);

            assertThat(primed.describe("eu-west-1", "vpc-1")).isEmpty();
            assertThat(primed.vpcOf("eu-west-1", "subnet-1")).isEmpty();
        }
    }
}
