package meshonboarder.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.CniTooOld;
import meshonboarder.errors.Ipv6EgressUnavailable;
import meshonboarder.errors.Transient;
import meshonboarder.errors.VpcCniNotFound;
import meshonboarder.json.Json;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CNI rules of PatchCniEgress on in-memory EKS, add-ons and DaemonSets: what is written where, and what is
 * refused before any write. The same rules against moto, the add-on API and mock API servers: PatchCniEgressHandlerTest.
 */
class PatchCniEgressServiceTest {

    private static final Set<Egress> DEFAULTS = EnumSet.of(Egress.V4);

    private final InMemoryCni cni = new InMemoryCni();

    private CniEgress patch(MeshMode mode, Cluster joining) {
        return patch(mode, joining, true, true);
    }

    private CniEgress patch(MeshMode mode, Cluster joining, boolean ipv6Subnets, boolean assignsIpv6) {
        return new PatchCniEgressService(mode, cni.eks(), cni.membership(), cni.addons(), cni.awsNodes())
                .patch(joining, cni.network(ipv6Subnets, assignsIpv6));
    }

    private static ClusterCni result(CniEgress egress, String cluster) {
        return egress.clusters().stream().filter(c -> c.clusterName().equals(cluster)).findFirst().orElseThrow();
    }

    @Test
    void patch_whenIpv4JoinsAnIpv6PeerOnOneNetwork_enablesV6EgressOnTheNewClusterOnly() {
        Cluster peer = cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2-eksbuild.1", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2-eksbuild.1", true, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(egress.meshMode()).isEqualTo("single-network");
        assertThat(result(egress, "eks-new")).isEqualTo(new ClusterCni("eks-new", InMemoryCni.REGION, IpFamily.IPV4,
                false, CniKind.SELF_MANAGED, "v1.19.2-eksbuild.1", Map.of("ENABLE_V6_EGRESS", "true"),
                Map.of("ENABLE_V6_EGRESS", "true"), CniOutcome.PATCHED, null));
        assertThat(result(egress, "eks-peer").outcome()).isEqualTo(CniOutcome.UNCHANGED);
        assertThat(result(egress, "eks-peer").peer()).isTrue();
        assertThat(cni.writes).containsExactly("enable eks-new [V6]");
        assertThat(egress.changedClusters()).containsExactly("eks-new");
        assertThat(egress.warnings()).isEmpty();
        assertThat(egress.restartNote()).contains("eks-new").contains("restart");
    }

    @Test
    void patch_whenRunAgain_writesNothing() {
        cni.member("eks-peer", IpFamily.IPV4);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2", true, Set.of());
        patch(MeshMode.SINGLE_NETWORK, joining);
        cni.writes.clear();

        CniEgress again = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(cni.writes).isEmpty();
        assertThat(again.clusters()).extracting(ClusterCni::outcome).containsOnly(CniOutcome.UNCHANGED);
        assertThat(again.changedClusters()).isEmpty();
        assertThat(again.restartNote()).isNull();
    }

    @Test
    void patch_whenManagedAddon_updatesItsValuesKeepingTheUsersAndReturnsTheUpdateToWaitFor() throws Exception {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.addon("eks-new", "v1.19.2-eksbuild.1", "env:\n  WARM_IP_TARGET: \"5\"\n", "ACTIVE");

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(result(egress, "eks-new").kind()).isEqualTo(CniKind.MANAGED_ADDON);
        assertThat(result(egress, "eks-new").addonUpdateId()).isEqualTo("update-1");
        assertThat(Json.MAPPER.readTree(cni.addon("eks-new").configurationValues())).isEqualTo(Json.MAPPER.readTree(
                "{\"env\":{\"WARM_IP_TARGET\":\"5\",\"ENABLE_V6_EGRESS\":\"true\"},"
                        + "\"init\":{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}"));
    }

    @Test
    void patch_whenTheAddonIsBusyWithAnotherUpdate_isTransientAndWritesNothing() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.addon("eks-new", "v1.19.2-eksbuild.1", null, "UPDATING");

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining)).isInstanceOf(Transient.class)
                .hasMessageContaining("is UPDATING");
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void patch_whenAPeersCniIsTooOldForV6Egress_failsBeforeAnyWrite() {
        cni.member("eks-old", IpFamily.IPV4);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.awsNode("eks-new", "v1.19.2", true, Set.of());
        cni.awsNode("eks-old", "v1.12.6", true, DEFAULTS);

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining)).isInstanceOf(CniTooOld.class)
                .hasMessageContaining("eks-old").hasMessageContaining("ENABLE_V6_EGRESS needs v1.13.0 or newer")
                .hasMessageContaining("Upgrade the self-managed VPC CNI");
        // the new cluster needed V4 egress turned back on, but nothing is written once any cluster is refused
        assertThat(cni.writes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.16.2", "v1.17.0"})
    void patch_whenACniFailsOnIpv4OnlyNodesWithV6Egress_refusesBeforeAnyWrite(String version) {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.addon("eks-new", version + "-eksbuild.1", null, "ACTIVE");

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining)).isInstanceOf(CniTooOld.class)
                .hasMessageContaining("v1.16.3 or newer (not v1.17.0)").hasMessageContaining("aws eks update-addon");
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void patch_whenAnIpv6ClusterRunsACniOlderThanTheV4Variable_leavesItAloneBecauseItEgressesAnyway() {
        cni.member("eks-peer", IpFamily.IPV4);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.awsNode("eks-new", "v1.14.1", true, Set.of());
        cni.awsNode("eks-peer", "v1.19.2", true, EnumSet.of(Egress.V4, Egress.V6));

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(result(egress, "eks-new").outcome()).isEqualTo(CniOutcome.UNCHANGED);
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void patch_whenTheSubnetsHaveNoIpv6_failsWithTheFixBeforeAnyWrite() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2", true, DEFAULTS);

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining, false, false))
                .isInstanceOf(Ipv6EgressUnavailable.class).hasMessageContaining("subnet-eks-new-a")
                .hasMessageContaining("Nothing was changed").hasMessageContaining("aws ec2 associate-subnet-cidr-block");
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void patch_whenTheSubnetsDoNotAssignIpv6_patchesAndWarnsWithTheFix() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2", true, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining, true, false);

        assertThat(cni.writes).containsExactly("enable eks-new [V6]");
        assertThat(egress.warnings()).singleElement().asString().contains("--assign-ipv6-address-on-creation");
    }

    @Test
    void patch_whenTheNewClusterRunsAutoMode_changesNothingThereAndSaysSo() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, true);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(result(egress, "eks-new").outcome()).isEqualTo(CniOutcome.SKIPPED_AUTO_MODE);
        assertThat(result(egress, "eks-new").kind()).isEqualTo(CniKind.AUTO_MODE);
        assertThat(egress.warnings()).singleElement().asString().contains("EKS Auto Mode");
        assertThat(cni.writes).isEmpty();
    }

    @Test
    void patch_whenANeedyClusterRunsNoVpcCni_failsWithVpcCniNotFound() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining)).isInstanceOf(VpcCniNotFound.class)
                .hasMessageContaining("aws eks create-addon --cluster-name eks-new");
    }

    @Test
    void patch_whenAPeerIsGoneFromEks_leavesItAloneWithAWarning() {
        cni.member("eks-gone", IpFamily.IPV4);
        cni.deleteFromEks("eks-gone");
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.awsNode("eks-new", "v1.19.2", true, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(egress.clusters()).extracting(ClusterCni::clusterName).containsExactly("eks-new");
        assertThat(egress.warnings()).singleElement().asString().contains("'eks-gone'").contains("no longer exists");
    }

    @Test
    void patch_whenTheNewClusterIsGoneFromEks_failsWithClusterNotFound() {
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.deleteFromEks("eks-new");

        assertThatThrownBy(() -> patch(MeshMode.SINGLE_NETWORK, joining)).isInstanceOf(ClusterNotFound.class);
    }

    @Test
    void patch_whenTheDaemonSetHasNoInitContainer_patchesAndWarnsThatForwardingMayStayOff() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2", false, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(cni.writes).containsExactly("enable eks-new [V6]");
        assertThat(egress.warnings()).singleElement().asString().contains("no aws-vpc-cni-init init container");
    }

    @Test
    void patch_whenTheVersionCannotBeRead_setsWhatIsNeededAndWarns() {
        cni.member("eks-peer", IpFamily.IPV6);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV4, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "latest", true, DEFAULTS);

        CniEgress egress = patch(MeshMode.SINGLE_NETWORK, joining);

        assertThat(cni.writes).containsExactly("enable eks-new [V6]");
        assertThat(egress.warnings()).singleElement().asString().contains("cannot read the VPC CNI version")
                .contains("v1.13.0 or newer");
    }

    @Test
    void patch_whenMultiNetwork_turnsOnlyTheNewIpv6ClustersV4EgressBackOnAndLeavesPeersAlone() {
        cni.member("eks-peer", IpFamily.IPV4);
        Cluster joining = cni.cluster("eks-new", IpFamily.IPV6, false);
        cni.awsNode("eks-peer", "v1.19.2", true, DEFAULTS);
        cni.awsNode("eks-new", "v1.19.2", true, Set.of());

        CniEgress egress = patch(MeshMode.MULTI_NETWORK, joining);

        assertThat(egress.clusters()).extracting(ClusterCni::clusterName).containsExactly("eks-new");
        assertThat(cni.writes).containsExactly("enable eks-new [V4]");
    }
}
