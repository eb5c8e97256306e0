package meshonboarder.steps.cluster;

import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_ENV;
import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_INIT_ENV;
import static meshonboarder.testing.AwsNodeFixtures.awsNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.ClusterCni;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.CniKind;
import meshonboarder.cni.CniOutcome;
import meshonboarder.cni.CniRollout;
import meshonboarder.errors.CniUpdateFailed;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.json.Json;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitCniRolloutHandlerTest {

    private static final Map<String, String> V6 = Map.of("ENABLE_V6_EGRESS", "true");

    private final CniStand stand = new CniStand();

    @AfterEach
    void stop() {
        stand.close();
    }

    /** The Wait/Choice loop's view: the state holds $.cluster, $.cni and the previous $.cniRollout. */
    private JsonNode check(Map<String, String> env, Cluster cluster, CniEgress cni, CniRollout previous) {
        Map<String, Object> state = new HashMap<>();
        state.put("cluster", cluster);
        state.put("cni", cni);
        if (previous != null) {
            state.put("cniRollout", previous);
        }
        return Lambdas.invoke(new WaitCniRolloutHandler(stand.api.wiring(env), stand.connector), state);
    }

    private CniRollout rollout(Cluster cluster, CniEgress cni, CniRollout previous) {
        return Json.MAPPER.convertValue(check(Map.of(), cluster, cni, previous), CniRollout.class);
    }

    private static CniEgress patched(ClusterCni... clusters) {
        List<String> changed = List.of(clusters).stream().filter(ClusterCni::patched).map(ClusterCni::clusterName)
                .toList();
        return new CniEgress("single-network", List.of(clusters), changed, Map.of(), List.of(), null);
    }

    private static ClusterCni selfManaged(Cluster cluster, CniOutcome outcome) {
        return new ClusterCni(cluster.clusterName(), cluster.region(), cluster.ipFamily(), false, CniKind.SELF_MANAGED,
                "v1.19.2", V6, V6, outcome, null);
    }

    private static ClusterCni managed(Cluster cluster, String updateId) {
        return new ClusterCni(cluster.clusterName(), cluster.region(), cluster.ipFamily(), false,
                CniKind.MANAGED_ADDON, "v1.19.2-eksbuild.1", V6, V6, CniOutcome.PATCHED, updateId);
    }

    @Test
    void handle_whenNothingWasPatched_isReadyAtOnceWithoutConnecting() {
        Cluster cluster = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());

        JsonNode out = check(Map.of(), cluster, patched(selfManaged(cluster, CniOutcome.UNCHANGED)), null);

        assertThat(out.path("ready").asBoolean()).isTrue();
        assertThat(out.path("attempt").asInt()).isEqualTo(1);
        assertThat(out.path("waitSeconds").asInt()).isEqualTo(15);
    }

    @Test
    void handle_whenSelfManagedDaemonSetRollsOut_waitsUntilEveryPodIsUpdatedAndReady() {
        Cluster joining = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        Cluster peer = stand.eksCluster(IpFamily.IPV6, CniStand.dualStack());
        stand.member(peer);
        stand.api.noAddon(joining.clusterName());
        stand.api.noAddon(peer.clusterName());
        stand.kubernetes(joining, awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        stand.kubernetes(peer, awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        CniEgress cni = Json.MAPPER.convertValue(Lambdas.invoke(new PatchCniEgressHandler(
                stand.api.wiring(Map.of("MESH_MODE", "single-network")), stand.connector), Map.of("cluster", joining,
                "network", stand.network("single-network", joining))),
                CniEgress.class);

        stand.rollout(joining, false, 3, 0, 3);
        CniRollout first = rollout(joining, cni, null);
        stand.rollout(joining, true, 3, 1, 2);
        CniRollout second = rollout(joining, cni, first);
        stand.rollout(joining, true, 3, 3, 2);
        CniRollout third = rollout(joining, cni, second);
        stand.rollout(joining, true, 3, 3, 3);
        CniRollout fourth = rollout(joining, cni, third);

        assertThat(first).isEqualTo(new CniRollout(false, 1, 15, List.of(new CniRollout.Pending(
                joining.clusterName(), MotoServer.REGION, "the DaemonSet controller has not yet seen the change"))));
        assertThat(second.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("1 of 3 aws-node pods updated");
        assertThat(third.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("2 of 3 aws-node pods ready");
        assertThat(fourth).isEqualTo(new CniRollout(true, 4, 15, List.of()));
    }

    @Test
    void handle_whenManagedAddonUpdates_waitsForTheUpdateTheAddonAndThePods() {
        Cluster cluster = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.kubernetes(cluster, awsNode("v1.19.2-eksbuild.1", MANIFEST_ENV, MANIFEST_INIT_ENV));
        CniEgress cni = patched(managed(cluster, "upd-7"));

        stand.api.update(cluster.clusterName(), "upd-7", "InProgress");
        stand.api.addon(cluster.clusterName(), "v1.19.2-eksbuild.1", "{}", "UPDATING");
        CniRollout first = rollout(cluster, cni, null);
        stand.api.update(cluster.clusterName(), "upd-7", "Successful");
        CniRollout second = rollout(cluster, cni, first);
        stand.api.addon(cluster.clusterName(), "v1.19.2-eksbuild.1", "{}", "ACTIVE");
        stand.rollout(cluster, true, 2, 1, 1);
        CniRollout third = rollout(cluster, cni, second);
        stand.rollout(cluster, true, 2, 2, 2);
        CniRollout fourth = rollout(cluster, cni, third);

        assertThat(List.of(first, second, third)).extracting(r -> r.pending().get(0).waitingFor())
                .containsExactly("add-on update upd-7 is InProgress", "add-on is UPDATING",
                        "1 of 2 aws-node pods updated");
        assertThat(fourth.ready()).isTrue();
        assertThat(fourth.attempt()).isEqualTo(4);
    }

    @Test
    void handle_whenAddonUpdateFailed_failsWithEksReasons() {
        Cluster cluster = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.api.update(cluster.clusterName(), "upd-9", "Failed", "Conflicts found when trying to apply.");

        assertThatThrownBy(() -> rollout(cluster, patched(managed(cluster, "upd-9")), null))
                .isInstanceOf(CniUpdateFailed.class)
                .hasMessageContaining(cluster.clusterName())
                .hasMessageContaining("Conflicts found when trying to apply.")
                .hasMessageContaining("aws eks describe-update");
    }

    @Test
    void handle_whenRolloutNeverFinishes_endsWithWaitTimedOut() {
        Cluster cluster = stand.eksCluster(IpFamily.IPV4, CniStand.dualStack());
        stand.kubernetes(cluster, awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        stand.rollout(cluster, true, 3, 1, 3);
        CniEgress cni = patched(selfManaged(cluster, CniOutcome.PATCHED));
        Map<String, String> env = Map.of("CNI_ROLLOUT_TIMEOUT_SECONDS", "20", "POLL_INTERVAL_SECONDS", "10");

        CniRollout first = Json.MAPPER.convertValue(check(env, cluster, cni, null), CniRollout.class);
        CniRollout second = Json.MAPPER.convertValue(check(env, cluster, cni, first), CniRollout.class);

        assertThat(second).extracting(CniRollout::ready, CniRollout::attempt, CniRollout::waitSeconds)
                .containsExactly(false, 2, 10);
        assertThatThrownBy(() -> check(env, cluster, cni, second))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("20 s")
                .hasMessageContaining(cluster.clusterName() + ": 1 of 3 aws-node pods updated");
    }
}
