package meshonboarder.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.LoadBalancerScheme;
import org.junit.jupiter.api.Test;

/**
 * The AWS Load Balancer Controller's subnet auto-discovery, as its documentation states it
 * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/subnet_discovery/ and
 * kubernetes-sigs/aws-load-balancer-controller docs/deploy/subnet_discovery.md).
 */
class LoadBalancerSubnetsTest {

    private static VpcSubnet subnet(String id, Map<String, String> tags) {
        return new VpcSubnet(id, List.of(), false, tags);
    }

    private static final VpcSubnet PUBLIC = subnet("subnet-public", Map.of("kubernetes.io/role/elb", "1"));
    private static final VpcSubnet PRIVATE = subnet("subnet-private", Map.of("kubernetes.io/role/internal-elb", ""));
    private static final VpcSubnet PLAIN = subnet("subnet-plain", Map.of());
    private static final VpcSubnet OTHERS = subnet("subnet-others", Map.of("kubernetes.io/role/elb", "1",
            "kubernetes.io/cluster/someone-else", "shared"));
    private static final VpcSubnet OURS = subnet("subnet-ours", Map.of("kubernetes.io/role/elb", "1",
            "kubernetes.io/cluster/eks-1", "owned", "kubernetes.io/cluster/someone-else", "shared"));

    @Test
    void discover_whenInternetFacing_takesTheElbRoleTag() {
        assertThat(LoadBalancerSubnets.discover(List.of(PUBLIC, PRIVATE, PLAIN), "eks-1",
                LoadBalancerScheme.INTERNET_FACING)).containsExactly(PUBLIC);
    }

    @Test
    void discover_whenInternal_takesTheInternalElbRoleTagWithAnEmptyValue() {
        assertThat(LoadBalancerSubnets.discover(List.of(PUBLIC, PRIVATE, PLAIN), "eks-1",
                LoadBalancerScheme.INTERNAL)).containsExactly(PRIVATE);
    }

    @Test
    void discover_whenTaggedForAnotherClusterOnly_leavesItOut() {
        assertThat(LoadBalancerSubnets.discover(List.of(OTHERS, OURS), "eks-1", LoadBalancerScheme.INTERNET_FACING))
                .containsExactly(OURS);
    }

    @Test
    void discover_whenNoSubnetHasTheRoleTag_takesEverySubnetItMayUse() {
        assertThat(LoadBalancerSubnets.discover(List.of(PRIVATE, PLAIN, OTHERS), "eks-1",
                LoadBalancerScheme.INTERNET_FACING)).containsExactly(PRIVATE, PLAIN);
    }

    @Test
    void discover_whenRoleValueIsNeitherOneNorEmpty_doesNotCountIt() {
        VpcSubnet zero = subnet("subnet-zero", Map.of("kubernetes.io/role/elb", "0"));

        assertThat(LoadBalancerSubnets.discover(List.of(zero, PUBLIC), "eks-1", LoadBalancerScheme.INTERNET_FACING))
                .containsExactly(PUBLIC);
    }

    @Test
    void forMesh_whenBothFamilies_isDualstack_whenIpv4Only_isIpv4_whenIpv6Only_isDualstack() {
        assertThat(GatewayAddressType.forMesh(List.of(IpFamily.IPV4, IpFamily.IPV6))).isEqualTo(GatewayAddressType.DUALSTACK);
        assertThat(GatewayAddressType.forMesh(List.of(IpFamily.IPV4, IpFamily.IPV4))).isEqualTo(GatewayAddressType.IPV4);
        assertThat(GatewayAddressType.forMesh(List.of(IpFamily.IPV6))).isEqualTo(GatewayAddressType.DUALSTACK);
    }
}
