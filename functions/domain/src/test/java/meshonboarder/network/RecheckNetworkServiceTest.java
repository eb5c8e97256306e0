package meshonboarder.network;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;

/**
 * RecheckNetwork after RegisterMember: of two clusters onboarding at once, the one that rechecks second sees the
 * other. Single network, so that no VPC is read: the gateways line follows the members' IP families alone.
 */
class RecheckNetworkServiceTest {

    private static final Map<String, String> MESH1 = Map.of("istio-mesh", "mesh1");
    private static final VpcNetworks NO_VPCS = new VpcNetworks() {
        @Override
        public Optional<Vpc> describe(String region, String vpcId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> vpcOf(String region, String subnetId) {
            return Optional.empty();
        }
    };

    private final InMemoryMesh mesh = new InMemoryMesh().with(member("mesh1", "eks-1"), MESH1).cluster("eks-3", "ACTIVE",
            MESH1);
    private final GatherNetworkService gather = new GatherNetworkService(MeshMode.SINGLE_NETWORK,
            LoadBalancerScheme.INTERNET_FACING, mesh.eks(), mesh, NO_VPCS);
    private final RecheckNetworkService recheck = new RecheckNetworkService(gather);
    private final Cluster joining = new Cluster("eks-3", "us-east-1", "mesh1", "net-eks-3",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-3", "ACTIVE", null, IpFamily.IPV4, "vpc-1", "1.33", "API",
            false);

    @Test
    void recheck_whenNoClusterRegisteredMeanwhile_isUnchanged() {
        NetworkFacts gathered = gather.gather(joining, null);
        mesh.register(member("mesh1", "eks-3"));

        assertThat(recheck.recheck(joining, gathered)).isEqualTo(new NetworkRecheck("ipv4", NetworkChange.UNCHANGED));
    }

    @Test
    void recheck_whenAnIpv6ClusterRegisteredMeanwhile_isChangedWithTheDualstackLine() {
        NetworkFacts gathered = gather.gather(joining, null);
        mesh.register(member("mesh1", "eks-3"));
        mesh.register(new Member("mesh1", "eks-2", "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/eks-2",
                IpFamily.IPV6, "net-eks-2"));
        mesh.cluster("eks-2", "ACTIVE", MESH1);

        NetworkRecheck result = recheck.recheck(joining, gathered);

        assertThat(gathered.gateways()).isEqualTo("ipv4");
        assertThat(result).isEqualTo(new NetworkRecheck("dualstack us-east-1/eks-1 us-east-1/eks-2 us-east-1/eks-3",
                NetworkChange.CHANGED));
    }
}
