package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.istio.KubernetesIstiodViews;
import meshonboarder.mesh.Member;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WaitMeshSynced on mock API servers: each istiod's gauge read through its pod proxy path, the exchanged peers only
 * (a peer the exchange's Catch recorded UNREACHED is not waited for), and the loop fields the ASL reads.
 */
class WaitMeshSyncedHandlerTest {

    private MockClusters clusters;
    private String joining;
    private String peer;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        joining = ClusterStepsFixture.startCluster(clusters, "eks-new");
        peer = ClusterStepsFixture.startCluster(clusters, "eks-a");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private WaitMeshSyncedHandler handler() {
        return new WaitMeshSyncedHandler(IstioFixtures.offline(Map.of("POLL_INTERVAL_SECONDS", "15",
                "MESH_SYNC_TIMEOUT_SECONDS", "30")), clusters.connector());
    }

    /** istiod's running pod in {@code cluster}, whose gauge reports {@code subject} as {@code status}. */
    private void istiod(String cluster, String subject, String status) {
        try (KubernetesClient client = clusters.client(cluster)) {
            client.pods().inNamespace("istio-system").resource(new PodBuilder().withNewMetadata().withName("istiod-1")
                    .addToLabels("app", "istiod").endMetadata().withNewStatus().withPhase("Running").endStatus()
                    .build()).create();
        }
        clusters.server(cluster).expect().get().withPath(KubernetesIstiodViews.metricsPath("istiod-1"))
                .andReturn(200, "# TYPE istiod_remote_cluster_sync_status gauge\n"
                        + "istiod_remote_cluster_sync_status{cluster=\"" + subject + "\",cluster_type=\"remote\","
                        + "status=\"" + status + "\"} 1\n")
                .always();
    }

    private Map<String, Object> input(JsonNode previous) {
        Member gone = ClusterStepsFixture.member("eks-gone");
        Map<String, Object> input = new HashMap<>(Map.of("member", ClusterStepsFixture.member(joining),
                "exchange", List.of(
                        Map.of("peer", ClusterStepsFixture.member(peer), "status", "EXCHANGED",
                                "intoCluster", "CREATED", "intoPeer", "CREATED"),
                        Map.of("peer", gone, "status", "UNREACHED", "error", "meshonboarder.errors.Transient",
                                "cause", "not reached"))));
        if (previous != null) {
            input.put("sync", previous);
        }
        return input;
    }

    @Test
    void handle_whenBothIstiodsReportTheOtherSynced_isReadyAndChecksOnlyTheExchangedPeer() {
        istiod(joining, peer, "synced");
        istiod(peer, joining, "synced");

        JsonNode sync = Lambdas.invoke(handler(), input(null));

        assertThat(sync.path("ready").asBoolean()).isTrue();
        assertThat(sync.path("timedOut").asBoolean()).isFalse();
        assertThat(sync.path("pairs").asInt()).isEqualTo(2);
        assertThat(sync.path("unsynced")).isEmpty();
        assertThat(sync.path("unknown")).isEmpty();
    }

    @Test
    void handle_whenThePeersIstiodTimesOutOnTheNewMember_waitsThenEndsTimedOutNamingThePair() {
        istiod(joining, peer, "synced");
        istiod(peer, joining, "timeout");

        JsonNode first = Lambdas.invoke(handler(), input(null));
        JsonNode second = Lambdas.invoke(handler(), input(first));
        JsonNode third = Lambdas.invoke(handler(), input(second));

        assertThat(first.path("ready").asBoolean()).isFalse();
        assertThat(first.path("waitSeconds").asInt()).isEqualTo(15);
        assertThat(first.at("/unsynced/0/holder").asText()).isEqualTo(peer);
        assertThat(first.at("/unsynced/0/status").asText()).isEqualTo("timeout");
        assertThat(second.path("timedOut").asBoolean()).isFalse();
        assertThat(third.path("timedOut").asBoolean()).isTrue();
        assertThat(third.path("ready").asBoolean()).isFalse();
        assertThat(third.at("/unsynced/0/subject").asText()).isEqualTo(joining);
    }

    @Test
    void handle_whenTheExchangeIsMissing_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("member", ClusterStepsFixture.member(joining))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("exchange");
    }
}
