package meshonboarder.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;

/** ReconcileMesh's EnsureCniEgress on in-memory EKS, add-ons and DaemonSets: one member at a time. */
class EnsureCniEgressServiceTest {

    private final InMemoryCni cni = new InMemoryCni();
    private final EnsureCniEgressService service = new EnsureCniEgressService(MeshMode.SINGLE_NETWORK, cni.eks(),
            cni.addons(), cni.awsNodes());

    @Test
    void ensure_whenSomeoneResetTheMembersEgress_putsItBackOnThatMemberOnly() {
        Cluster ipv4 = cni.member("eks-4", IpFamily.IPV4);
        cni.member("eks-6", IpFamily.IPV6);
        Cluster other = cni.member("eks-other", IpFamily.IPV4);
        cni.awsNode("eks-4", "v1.19.2", true, EnumSet.of(Egress.V4));
        cni.awsNode("eks-6", "v1.19.2", true, EnumSet.of(Egress.V4));
        cni.awsNode("eks-other", "v1.19.2", true, EnumSet.of(Egress.V4));

        CniEgress egress = service.ensure(ipv4, cni.members());

        assertThat(egress.clusters()).singleElement().satisfies(c -> {
            assertThat(c.clusterName()).isEqualTo("eks-4");
            assertThat(c.outcome()).isEqualTo(CniOutcome.PATCHED);
        });
        // eks-other needs V6 egress too, but it gets its own turn
        assertThat(cni.writes).containsExactly("enable eks-4 [V6]");
        assertThat(cni.awsNode(other.clusterName()).egressOn()).containsExactly(Egress.V4);
    }

    @Test
    void ensure_whenTheMemberHasWhatTheMeshNeeds_writesNothing() {
        Cluster ipv4 = cni.member("eks-4", IpFamily.IPV4);
        cni.member("eks-6", IpFamily.IPV6);
        cni.awsNode("eks-4", "v1.19.2", true, EnumSet.of(Egress.V4, Egress.V6));

        CniEgress egress = service.ensure(ipv4, cni.members());

        assertThat(egress.clusters()).extracting(ClusterCni::outcome).containsExactly(CniOutcome.UNCHANGED);
        assertThat(egress.restartNote()).isNull();
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void ensure_whenTheMemberIsAlone_needsNothingAndWritesNothing() {
        Cluster alone = cni.member("eks-6", IpFamily.IPV6);
        cni.awsNode("eks-6", "v1.19.2", true, Set.of());

        CniEgress egress = service.ensure(alone, cni.members());

        assertThat(egress.clusters()).singleElement().satisfies(c -> {
            assertThat(c.desiredEnv()).isEmpty();
            assertThat(c.outcome()).isEqualTo(CniOutcome.UNCHANGED);
        });
        assertThat(cni.writes).isEmpty();
    }
}
