package meshonboarder.steps.cluster;

import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_ENV;
import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_INIT_ENV;
import static meshonboarder.testing.AwsNodeFixtures.awsNode;
import static meshonboarder.testing.AwsNodeFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.ClusterCni;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.CniKind;
import meshonboarder.cni.CniOutcome;
import meshonboarder.errors.CniTooOld;
import meshonboarder.errors.Ipv6EgressUnavailable;
import meshonboarder.errors.Transient;
import meshonboarder.json.Json;
import meshonboarder.testing.AwsNodeFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoNetwork;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchCniEgressHandlerTest {

    private static final String V6_EGRESS = "ENABLE_V6_EGRESS=true";
    /** What a user set on the add-on; it must survive the patch. */
    private static final String USER_VALUES = "{\"env\":{\"WARM_IP_TARGET\":\"5\",\"ENABLE_PREFIX_DELEGATION\":\"true\"},"
            + "\"resources\":{\"requests\":{\"cpu\":\"50m\"}},\"init\":{\"resources\":{\"requests\":{\"cpu\":\"10m\"}}}}";

    private final CniStand stand = new CniStand();

    @AfterEach
    void stop() {
        stand.close();
    }

    private CniEgress patch(String mode, Cluster cluster) {
        PatchCniEgressHandler handler = new PatchCniEgressHandler(stand.api.wiring(Map.of("MESH_MODE", mode)),
                stand.connector);
        JsonNode out = Lambdas.invoke(handler, Map.of("cluster", cluster, "network", stand.network(mode, cluster)));
        return Json.MAPPER.convertValue(out, CniEgress.class);
    }

    private static ClusterCni result(CniEgress cni, Cluster cluster) {
        return cni.clusters().stream().filter(c -> c.clusterName().equals(cluster.clusterName())).findFirst()
                .orElseThrow();
    }

    private static DaemonSet manifest(String tag) {
        return awsNode(tag, MANIFEST_ENV, MANIFEST_INIT_ENV);
    }

    @Test
    void handle_whenSelfManagedIpv4JoinsIpv6PeerOnOneNetwork_setsV6EgressOnBothContainersAndKeepsTheRest() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(joining, manifest("v1.19.2-eksbuild.1"));
        stand.kubernetes(peer, manifest("v1.19.2-eksbuild.1"));

        CniEgress cni = patch("single-network", joining);

        assertThat(cni.meshMode()).isEqualTo("single-network");
        assertThat(result(cni, joining)).isEqualTo(new ClusterCni(joining.clusterName(), MotoServer.REGION,
                IpFamily.IPV4, false, CniKind.SELF_MANAGED, "v1.19.2-eksbuild.1", Map.of("ENABLE_V6_EGRESS", "true"),
                Map.of("ENABLE_V6_EGRESS", "true"), CniOutcome.PATCHED, null));
        assertThat(result(cni, peer)).isEqualTo(new ClusterCni(peer.clusterName(), MotoServer.REGION, IpFamily.IPV6,
                true, CniKind.SELF_MANAGED, "v1.19.2-eksbuild.1", Map.of("ENABLE_V4_EGRESS", "true"), Map.of(),
                CniOutcome.UNCHANGED, null));
        assertThat(cni.changedClusters()).containsExactly(joining.clusterName());
        assertThat(cni.warnings()).isEmpty();
        assertThat(cni.restartNote()).contains(joining.clusterName()).contains("restart");

        DaemonSet patched = stand.awsNode(joining);
        assertThat(env(patched, "aws-node")).containsExactly("ADDITIONAL_ENI_TAGS={}", "ENABLE_IPv4=true",
                "ENABLE_IPv6=false", "WARM_ENI_TARGET=1", "AWS_VPC_K8S_CNI_LOGLEVEL=DEBUG", "MY_NODE_NAME=<valueFrom>",
                V6_EGRESS);
        assertThat(env(patched, "aws-vpc-cni-init")).containsExactly("DISABLE_TCP_EARLY_DEMUX=false",
                "ENABLE_IPv6=false", V6_EGRESS);
        assertThat(env(patched, "aws-eks-nodeagent")).containsExactly("ENABLE_V6_EGRESS=false");
        assertThat(env(stand.awsNode(peer), "aws-node")).doesNotContain("ENABLE_V4_EGRESS=true");
    }

    @Test
    void handle_whenRunAgain_writesNothing() {
        Cluster joining = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(joining, awsNode("v1.19.2", AwsNodeFixtures.ordered("ENABLE_V4_EGRESS", "false"),
                MANIFEST_INIT_ENV));
        stand.kubernetes(peer, manifest("v1.19.2"));

        CniEgress first = patch("single-network", joining);
        String joiningVersion = stand.awsNode(joining).getMetadata().getResourceVersion();
        String peerVersion = stand.awsNode(peer).getMetadata().getResourceVersion();
        CniEgress second = patch("single-network", joining);

        assertThat(first.changedClusters()).containsExactlyInAnyOrder(joining.clusterName(), peer.clusterName());
        assertThat(env(stand.awsNode(joining), "aws-node")).containsExactly("ENABLE_V4_EGRESS=true",
                "MY_NODE_NAME=<valueFrom>");
        assertThat(second.clusters()).extracting(ClusterCni::outcome).containsOnly(CniOutcome.UNCHANGED);
        assertThat(second.changedClusters()).isEmpty();
        assertThat(second.restartNote()).isNull();
        assertThat(stand.awsNode(joining).getMetadata().getResourceVersion()).isEqualTo(joiningVersion);
        assertThat(stand.awsNode(peer).getMetadata().getResourceVersion()).isEqualTo(peerVersion);
    }

    @Test
    void handle_whenManagedAddonWithUserValues_mergesEgressWithPreserveAndKeepsEveryValue() throws Exception {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.addon(joining.clusterName(), "v1.19.2-eksbuild.1", USER_VALUES, "ACTIVE");
        stand.api.acceptUpdate(joining.clusterName(), "upd-1");
        stand.api.addon(peer.clusterName(), "v1.18.3-eksbuild.2", null, "ACTIVE");

        CniEgress cni = patch("single-network", joining);

        assertThat(result(cni, joining).kind()).isEqualTo(CniKind.MANAGED_ADDON);
        assertThat(result(cni, joining).outcome()).isEqualTo(CniOutcome.PATCHED);
        assertThat(result(cni, joining).addonUpdateId()).isEqualTo("upd-1");
        assertThat(result(cni, peer).outcome()).isEqualTo(CniOutcome.UNCHANGED);
        List<JsonNode> updates = stand.api.updateRequests(joining.clusterName());
        assertThat(updates).hasSize(1);
        JsonNode update = updates.get(0);
        assertThat(update.path("resolveConflicts").asText()).isEqualTo("PRESERVE");
        assertThat(update.path("addonVersion").asText()).isEqualTo("v1.19.2-eksbuild.1");
        assertThat(Json.MAPPER.readTree(update.path("configurationValues").asText())).isEqualTo(Json.MAPPER.readTree(
                "{\"env\":{\"WARM_IP_TARGET\":\"5\",\"ENABLE_PREFIX_DELEGATION\":\"true\",\"ENABLE_V6_EGRESS\":\"true\"},"
                        + "\"resources\":{\"requests\":{\"cpu\":\"50m\"}},"
                        + "\"init\":{\"resources\":{\"requests\":{\"cpu\":\"10m\"}},\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}"));
        assertThat(stand.api.updateRequests(peer.clusterName())).isEmpty();
    }

    @Test
    void handle_whenManagedAddonAlreadyHasTheValues_makesNoUpdateCall() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.addon(joining.clusterName(), "v1.19.2-eksbuild.1", USER_VALUES, "ACTIVE");
        stand.api.acceptUpdate(joining.clusterName(), "upd-1");
        stand.api.addon(peer.clusterName(), "v1.19.2-eksbuild.1", null, "ACTIVE");
        patch("single-network", joining);
        // EKS now holds the values the first run sent
        String sent = stand.api.updateRequests(joining.clusterName()).get(0).path("configurationValues").asText();
        stand.api.addon(joining.clusterName(), "v1.19.2-eksbuild.1", sent, "ACTIVE");
        stand.api.resetRequests();

        CniEgress second = patch("single-network", joining);

        assertThat(second.clusters()).extracting(ClusterCni::outcome).containsOnly(CniOutcome.UNCHANGED);
        assertThat(stand.api.updateRequests(joining.clusterName())).isEmpty();
        assertThat(stand.api.updateRequests(peer.clusterName())).isEmpty();
    }

    @Test
    void handle_whenAddonValuesAreYaml_readsThemAndAnswersUnchanged() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.addon(joining.clusterName(), "v1.19.2-eksbuild.1",
                "env:\n  WARM_IP_TARGET: \"5\"\n  ENABLE_V6_EGRESS: \"true\"\ninit:\n  env:\n    ENABLE_V6_EGRESS: \"true\"\n",
                "ACTIVE");
        stand.api.addon(peer.clusterName(), "v1.19.2-eksbuild.1", "", "ACTIVE");

        CniEgress cni = patch("single-network", joining);

        assertThat(result(cni, joining).outcome()).isEqualTo(CniOutcome.UNCHANGED);
        assertThat(stand.api.updateRequests(joining.clusterName())).isEmpty();
    }

    static Stream<Arguments> tooOld() {
        return Stream.of(Arguments.of(true, "v1.12.6-eksbuild.2"), Arguments.of(false, "v1.12.6"));
    }

    @ParameterizedTest(name = "managed add-on {0}, {1}")
    @MethodSource("tooOld")
    void handle_whenAPeersCniIsTooOldForV6Egress_failsBeforeAnyWrite(boolean managed, String version) {
        Cluster joining = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        Cluster oldPeer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.member(oldPeer);
        stand.api.noAddon(joining.clusterName());
        stand.kubernetes(joining, awsNode("v1.19.2", AwsNodeFixtures.ordered("ENABLE_V4_EGRESS", "false"),
                MANIFEST_INIT_ENV));
        if (managed) {
            stand.api.addon(oldPeer.clusterName(), version, null, "ACTIVE");
            stand.api.acceptUpdate(oldPeer.clusterName(), "upd-old");
        } else {
            stand.api.noAddon(oldPeer.clusterName());
            stand.kubernetes(oldPeer, manifest(version));
        }
        String before = stand.awsNode(joining).getMetadata().getResourceVersion();

        assertThatThrownBy(() -> patch("single-network", joining))
                .isInstanceOf(CniTooOld.class)
                .hasMessageContaining(oldPeer.clusterName())
                .hasMessageContaining(version)
                .hasMessageContaining("ENABLE_V6_EGRESS needs v1.13.0 or newer");
        assertThat(stand.awsNode(joining).getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(stand.api.updateRequests(oldPeer.clusterName())).isEmpty();
    }

    @Test
    void handle_whenIpv6ClusterRunsACniOlderThanTheV4Variable_leavesItAlone() {
        // Before v1.15.1 there is no ENABLE_V4_EGRESS: IPv6 pods always have IPv4 egress.
        Cluster joining = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.kubernetes(joining, awsNode("v1.14.1", AwsNodeFixtures.ordered("ENABLE_V4_EGRESS", "false"), Map.of()));

        CniEgress cni = patch("multi-network", joining);

        assertThat(result(cni, joining).outcome()).isEqualTo(CniOutcome.UNCHANGED);
        assertThat(result(cni, joining).desiredEnv()).containsEntry("ENABLE_V4_EGRESS", "true");
    }

    @Test
    void handle_whenSubnetsHaveNoIpv6_failsWithTheFixBeforeAnyWrite() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, MotoNetwork.vpc(MotoServer.REGION, 2, 0, false));
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(joining, manifest("v1.19.2"));
        stand.kubernetes(peer, awsNode("v1.19.2", AwsNodeFixtures.ordered("ENABLE_V4_EGRESS", "false"), Map.of()));
        String before = stand.awsNode(peer).getMetadata().getResourceVersion();

        assertThatThrownBy(() -> patch("single-network", joining))
                .isInstanceOf(Ipv6EgressUnavailable.class)
                .hasMessageContaining(joining.clusterName())
                .hasMessageContaining("no IPv6 CIDR")
                .hasMessageContaining("aws ec2 associate-subnet-cidr-block");
        assertThat(env(stand.awsNode(joining), "aws-node")).doesNotContain(V6_EGRESS);
        assertThat(stand.awsNode(peer).getMetadata().getResourceVersion()).isEqualTo(before);
    }

    /** A new cluster of {@code family} and a peer of the other family, both self-managed, the peer a member. */
    private record Pair(Cluster joining, Cluster peer) {
    }

    private Pair pair(IpFamily family, MotoNetwork.Vpc joiningVpc, String joiningTag, String peerTag) {
        Cluster joining = stand.eksCluster(family, joiningVpc);
        Cluster peer = stand.eksCluster(family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(joining, manifest(joiningTag));
        stand.kubernetes(peer, manifest(peerTag));
        return new Pair(joining, peer);
    }

    /** Every node needs an IPv6 address for V6 egress: one subnet without an IPv6 CIDR is refused, named. */
    @Test
    void handle_whenOneSubnetLacksIpv6_failsNamingItBeforeAnyWrite() {
        MotoNetwork.Vpc partly = MotoNetwork.vpc(MotoServer.REGION, 3, 2, true);
        Cluster joining = pair(IpFamily.IPV4, partly, "v1.19.2", "v1.19.2").joining();

        assertThatThrownBy(() -> patch("single-network", joining))
                .isInstanceOf(Ipv6EgressUnavailable.class)
                .hasMessageContaining(partly.subnetIds().get(2))
                .hasMessageNotContaining(partly.subnetIds().get(0))
                .hasMessageContaining("Nothing was changed");
        assertThat(env(stand.awsNode(joining), "aws-node")).doesNotContain(V6_EGRESS);
    }

    @Test
    void handle_whenSubnetsHaveIpv6ButDoNotAssignIt_patchesAndWarnsWithTheFix() {
        MotoNetwork.Vpc noAutoAssign = MotoNetwork.vpc(MotoServer.REGION, 2, 2, false);
        Cluster joining = pair(IpFamily.IPV4, noAutoAssign, "v1.19.2", "v1.19.2").joining();

        CniEgress cni = patch("single-network", joining);

        assertThat(result(cni, joining).outcome()).isEqualTo(CniOutcome.PATCHED);
        assertThat(cni.warnings()).singleElement().asString().contains(noAutoAssign.subnetIds().get(0))
                .contains(noAutoAssign.subnetIds().get(1)).contains("--assign-ipv6-address-on-creation");
    }

    /**
     * ENABLE_V6_EGRESS makes aws-node fail on a node without an IPv6 address before v1.16.3 and in v1.17.0
     * (aws/amazon-vpc-cni-k8s pull request 2754, cmd/aws-vpc-cni/main.go: v1.16.2 returns the error, v1.16.3 and
     * v1.17.1 only warn): on a running peer that could take nodes down, so it is refused, peers alike.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.16.2-eksbuild.1", "v1.17.0", "v1.13.0"})
    void handle_whenAPeersCniFailsOnIpv4OnlyNodes_refusesV6EgressBeforeAnyWrite(String version) {
        Pair pair = pair(IpFamily.IPV6, CniStand.dualStack(), "v1.19.2", version);
        Cluster joining = pair.joining();
        Cluster peer = pair.peer();
        String before = stand.awsNode(peer).getMetadata().getResourceVersion();

        assertThatThrownBy(() -> patch("single-network", joining))
                .isInstanceOf(CniTooOld.class)
                .hasMessageContaining(peer.clusterName())
                .hasMessageContaining("v1.16.3 or newer (not v1.17.0)");
        assertThat(stand.awsNode(peer).getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.16.3", "v1.16.4", "v1.17.1", "v1.19.2-eksbuild.1"})
    void handle_whenAPeersCniSkipsIpv4OnlyNodes_setsV6Egress(String version) {
        Pair pair = pair(IpFamily.IPV6, CniStand.dualStack(), "v1.19.2", version);
        Cluster joining = pair.joining();
        Cluster peer = pair.peer();

        CniEgress cni = patch("single-network", joining);

        assertThat(result(cni, peer).outcome()).isEqualTo(CniOutcome.PATCHED);
    }

    @Test
    void handle_whenNewClusterRunsAutoMode_changesNothingThereAndSaysSo() {
        MotoNetwork.Vpc vpc = CniStand.dualStack();
        Cluster joining = stand.eksCluster(IpFamily.IPV6, vpc);
        Cluster peer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.member(peer);
        stand.api.autoModeCluster(joining.clusterName(), "ipv6", vpc.subnetIds(), Map.of("istio-mesh", stand.mesh));
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(peer, manifest("v1.19.2"));

        CniEgress cni = patch("single-network", joining);

        assertThat(result(cni, joining)).isEqualTo(new ClusterCni(joining.clusterName(), MotoServer.REGION,
                IpFamily.IPV6, false, CniKind.AUTO_MODE, null, Map.of("ENABLE_V4_EGRESS", "true"), Map.of(),
                CniOutcome.SKIPPED_AUTO_MODE, null));
        assertThat(result(cni, peer).outcome()).isEqualTo(CniOutcome.PATCHED);
        assertThat(cni.changedClusters()).containsExactly(peer.clusterName());
        assertThat(cni.warnings()).singleElement().asString().contains("Auto Mode").contains(joining.clusterName());
        assertThat(stand.api.addonCalls(joining.clusterName())).isZero();
    }

    @Test
    void handle_whenMultiNetwork_keepsDefaultsAndLeavesPeersAlone() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.kubernetes(joining, manifest("v1.19.2"));
        String before = stand.awsNode(joining).getMetadata().getResourceVersion();

        CniEgress cni = patch("multi-network", joining);

        assertThat(cni.meshMode()).isEqualTo("multi-network");
        assertThat(cni.clusters()).singleElement().satisfies(c -> {
            assertThat(c.clusterName()).isEqualTo(joining.clusterName());
            assertThat(c.desiredEnv()).isEmpty();
            assertThat(c.outcome()).isEqualTo(CniOutcome.UNCHANGED);
        });
        assertThat(cni.changedClusters()).isEmpty();
        assertThat(stand.awsNode(joining).getMetadata().getResourceVersion()).isEqualTo(before);
    }

    @Test
    void handle_whenIpv6JoinsMultiNetworkWithV4EgressTurnedOff_turnsItBackOn() {
        Cluster joining = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.member(peer);
        stand.api.addon(joining.clusterName(), "v1.19.2-eksbuild.1", "{\"env\":{\"ENABLE_V4_EGRESS\":\"false\"}}",
                "ACTIVE");
        stand.api.acceptUpdate(joining.clusterName(), "upd-v4");

        CniEgress cni = patch("multi-network", joining);

        assertThat(result(cni, joining).outcome()).isEqualTo(CniOutcome.PATCHED);
        assertThat(stand.api.updateRequests(joining.clusterName())).singleElement()
                .satisfies(u -> assertThat(u.path("configurationValues").asText())
                        .isEqualTo("{\"env\":{\"ENABLE_V4_EGRESS\":\"true\"}}"));
    }

    @Test
    void handle_whenApiServerUnreachable_isTransient() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.api.noAddon(joining.clusterName());
        PatchCniEgressHandler handler = new PatchCniEgressHandler(
                stand.api.wiring(Map.of("MESH_MODE", "multi-network")),
                (region, name) -> new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:9").withRequestRetryBackoffLimit(0).build()).build());

        Map<String, Object> state = Map.of("cluster", joining, "network", stand.network("multi-network", joining));

        assertThatThrownBy(() -> Lambdas.invoke(handler, state))
                .isInstanceOf(Transient.class)
                .hasMessageContaining(joining.clusterName());
    }
}
