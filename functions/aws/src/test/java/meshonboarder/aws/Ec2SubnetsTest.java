package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import meshonboarder.cni.Subnets.Subnet;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

class Ec2SubnetsTest {

    private final Ec2Subnets subnets = new Ec2Subnets(MotoServer.aws());

    @Test
    void describe_whenSomeSubnetsDualStack_tellsWhichHaveIpv6AndAssignIt() {
        MotoNetwork.Vpc vpc = MotoNetwork.vpc(MotoServer.REGION, 3, 2, true);

        List<Subnet> found = subnets.describe(MotoServer.REGION, vpc.subnetIds());

        assertThat(found).containsExactlyInAnyOrder(
                new Subnet(vpc.subnetIds().get(0), true, true),
                new Subnet(vpc.subnetIds().get(1), true, true),
                new Subnet(vpc.subnetIds().get(2), false, false));
    }

    @Test
    void describe_whenIpv6WithoutAutoAssign_saysSo() {
        MotoNetwork.Vpc vpc = MotoNetwork.vpc(MotoServer.REGION, 1, 1, false);

        assertThat(subnets.describe(MotoServer.REGION, vpc.subnetIds()))
                .containsExactly(new Subnet(vpc.subnetIds().get(0), true, false));
    }

    @Test
    void describe_whenASubnetNoLongerExists_leavesItOut() {
        MotoNetwork.Vpc vpc = MotoNetwork.vpc(MotoServer.REGION, 1, 0, false);
        List<String> ids = new ArrayList<>(vpc.subnetIds());
        ids.add("subnet-0deadbeef0000000");

        assertThat(subnets.describe(MotoServer.REGION, ids)).extracting(Subnet::subnetId)
                .containsExactlyElementsOf(vpc.subnetIds());
    }
}
