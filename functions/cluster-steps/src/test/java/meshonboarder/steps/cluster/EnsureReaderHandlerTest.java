package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.json.Json;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.TokenController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EnsureReader as the ASL calls it: the whole state in, {@code $.reader} out, looping on ready. */
class EnsureReaderHandlerTest {

    private MockClusters clusters;
    private EnsureReaderHandler handler;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        handler = new EnsureReaderHandler(MotoServer.wiring(Map.of("POLL_INTERVAL_SECONDS", "5",
                "READER_TOKEN_TIMEOUT_SECONDS", "10")), clusters.connector());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private JsonNode state(JsonNode reader) {
        Map<String, Object> state = new HashMap<>();
        state.put("cluster", ClusterStepsFixture.cluster("eks-a"));
        state.put("istioReady", Map.of("ready", true));
        if (reader != null) {
            state.put("reader", reader);
        }
        return Json.MAPPER.valueToTree(state);
    }

    @Test
    void handle_whenTheTokenIsFilledBetweenTwoChecks_saysReadyOnTheSecond() {
        JsonNode first = Lambdas.invoke(handler, state(null));

        assertThat(first.path("ready").asBoolean()).isFalse();
        assertThat(first.path("attempt").asInt()).isEqualTo(1);
        assertThat(first.path("waitSeconds").asInt()).isEqualTo(5);
        assertThat(first.path("tokenSecret").asText()).isEqualTo("istio-reader-service-account-istio-remote-secret-token");
        assertThat(first.path("created").asBoolean()).isTrue();

        try (KubernetesClient client = clusters.client("eks-a")) {
            TokenController.fill(client, "istio-system", clusters.certificateAuthority("eks-a"));
        }
        JsonNode second = Lambdas.invoke(handler, state(first));

        assertThat(second.path("ready").asBoolean()).isTrue();
        assertThat(second.path("attempt").asInt()).isEqualTo(2);
        assertThat(second.path("created").asBoolean()).isTrue();
        assertThat(second.toString()).doesNotContain(ClusterStepsFixture.readerToken(clusters, "eks-a"));
    }

    @Test
    void handle_whenTheTokenNeverComes_endsWithWaitTimedOut() {
        JsonNode first = Lambdas.invoke(handler, state(null));
        JsonNode second = Lambdas.invoke(handler, state(first));

        assertThatThrownBy(() -> Lambdas.invoke(handler, state(second))).isInstanceOf(WaitTimedOut.class);
    }

    @Test
    void handle_whenNoCluster_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler, "{}")).isInstanceOf(InvalidInput.class);
    }
}
