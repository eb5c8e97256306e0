package meshonboarder.steps.cluster;

import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_ENV;
import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_INIT_ENV;
import static meshonboarder.testing.AwsNodeFixtures.awsNode;
import static meshonboarder.testing.AwsNodeFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.CniOutcome;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.testing.AwsNodeFixtures;
import meshonboarder.testing.Lambdas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnsureCniEgressHandlerTest {

    private final CniStand stand = new CniStand();

    @AfterEach
    void stop() {
        stand.close();
    }

    /** As ReconcileMesh calls it: the member, and the members CheckMembership kept (no membership record read). */
    private CniEgress ensure(String mode, Cluster member, Cluster... others) {
        EnsureCniEgressHandler handler = new EnsureCniEgressHandler(stand.api.wiring(Map.of("MESH_MODE", mode)),
                stand.connector);
        List<Member> members = new ArrayList<>(List.of(member(member)));
        for (Cluster other : others) {
            members.add(member(other));
        }
        return Json.MAPPER.convertValue(Lambdas.invoke(handler, Map.of("cluster", member(member), "members", members)),
                CniEgress.class);
    }

    private static Member member(Cluster c) {
        return new Member(c.meshId(), c.clusterName(), c.region(), c.clusterArn(), c.ipFamily(), c.network());
    }

    @Test
    void handle_whenSomeoneResetV6EgressOnOneNetwork_putsItBackOnThisMemberOnly() {
        Cluster member = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.api.noAddon(member.clusterName());
        // the variables as the VPC CNI manifest has them: ENABLE_V6_EGRESS gone; the peer has no API server here,
        // so connecting to it would fail the test
        stand.kubernetes(member, awsNode("v1.19.2-eksbuild.1", MANIFEST_ENV, MANIFEST_INIT_ENV));

        CniEgress cni = ensure("single-network", member, peer);

        assertThat(cni.clusters()).singleElement().satisfies(c -> {
            assertThat(c.clusterName()).isEqualTo(member.clusterName());
            assertThat(c.outcome()).isEqualTo(CniOutcome.PATCHED);
        });
        assertThat(cni.changedClusters()).containsExactly(member.clusterName());
        assertThat(env(stand.awsNode(member), "aws-node")).contains("ENABLE_V6_EGRESS=true", "WARM_ENI_TARGET=1");
        assertThat(env(stand.awsNode(member), "aws-vpc-cni-init")).contains("ENABLE_V6_EGRESS=true");
    }

    @Test
    void handle_whenTheCniIsAsItShouldBe_writesNothing() {
        Cluster member = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.api.noAddon(member.clusterName());
        stand.kubernetes(member, awsNode("v1.19.2", AwsNodeFixtures.ordered("ENABLE_V4_EGRESS", "false"),
                MANIFEST_INIT_ENV));

        CniEgress first = ensure("multi-network", member, peer);
        String version = stand.awsNode(member).getMetadata().getResourceVersion();
        CniEgress second = ensure("multi-network", member, peer);

        assertThat(first.changedClusters()).containsExactly(member.clusterName());
        assertThat(env(stand.awsNode(member), "aws-node")).contains("ENABLE_V4_EGRESS=true");
        assertThat(second.clusters()).extracting(c -> c.outcome()).containsExactly(CniOutcome.UNCHANGED);
        assertThat(second.changedClusters()).isEmpty();
        assertThat(stand.awsNode(member).getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void handle_whenAnIpv4MemberOfAMultiNetworkMesh_needsNothingAndWritesNothing() {
        Cluster member = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.api.noAddon(member.clusterName());
        stand.kubernetes(member, awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        String before = stand.awsNode(member).getMetadata().getResourceVersion();

        CniEgress cni = ensure("multi-network", member, peer);

        assertThat(cni.clusters()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(CniOutcome.UNCHANGED));
        assertThat(stand.awsNode(member).getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void handle_whenNoMembers_failsInvalidInput() {
        Cluster member = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        EnsureCniEgressHandler handler = new EnsureCniEgressHandler(stand.api.wiring(Map.of()), stand.connector);

        assertThatThrownBy(() -> Lambdas.invoke(handler, Map.of("cluster", member(member))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("$.members");
    }
}
