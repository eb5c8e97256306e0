package meshonboarder.steps.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.ClusterNotActive;
import meshonboarder.errors.NotAMeshCluster;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.json.Json;
import meshonboarder.settings.Env;
import meshonboarder.testing.EksWire;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WaitActive check against EKS's wire protocol (WireMock: moto's clusters are ACTIVE at once), one call per
 * loop turn as the state machine makes them, feeding each output back as {@code $.clusterWait}.
 */
class WaitActiveHandlerTest {

    private final WireMockServer eks = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private WaitActiveHandler handler;

    @BeforeEach
    void start() {
        eks.start();
        AwsClients aws = new AwsClients("us-east-1", URI.create(eks.baseUrl()), MotoServer.credentials());
        handler = new WaitActiveHandler(new Wiring(new Env(Map.of("AWS_REGION", "us-east-1",
                "POLL_INTERVAL_SECONDS", "10", "CLUSTER_WAIT_TIMEOUT_SECONDS", "30")), aws));
    }

    @AfterEach
    void stop() {
        eks.stop();
    }

    private void clusterIs(String status, Map<String, String> tags) {
        ObjectNode body = (ObjectNode) parse(EksWire.clusterJson("eks-2", "us-east-1", status,
                "ACTIVE".equals(status) ? "https://ABC.gr7.us-east-1.eks.amazonaws.com" : null, null, null));
        ObjectNode tagNode = ((ObjectNode) body.get("cluster")).putObject("tags");
        tags.forEach(tagNode::put);
        eks.resetMappings();
        eks.stubFor(get(urlPathEqualTo("/clusters/eks-2")).willReturn(okJson(body.toString())));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(JsonNode clusterWait) {
        ObjectNode state = Json.MAPPER.createObjectNode();
        state.putObject("cluster").put("clusterName", "eks-2").put("region", "us-east-1").put("meshId", "mesh1")
                .put("network", "net-b").put("status", "CREATING").put("ipFamily", "ipv4");
        if (clusterWait != null) {
            state.set("clusterWait", clusterWait);
        }
        return state.toString();
    }

    @Test
    void waitActive_whenCreatingThenActive_loopsThenReturnsTheActiveCluster() {
        clusterIs("CREATING", Map.of("istio-mesh", "mesh1"));
        JsonNode first = Lambdas.invoke(handler, state(null));

        assertThat(first.path("ready").asBoolean()).isFalse();
        assertThat(first.path("attempt").asInt()).isEqualTo(1);
        assertThat(first.path("waitSeconds").asInt()).isEqualTo(10);

        clusterIs("ACTIVE", Map.of("istio-mesh", "mesh1"));
        JsonNode second = Lambdas.invoke(handler, state(first));

        assertThat(second.path("ready").asBoolean()).isTrue();
        assertThat(second.path("cluster").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(second.path("cluster").path("endpoint").asText()).startsWith("https://");
    }

    @Test
    void waitActive_whenStillCreatingPastTheLimit_failsWithWaitTimedOut() {
        clusterIs("CREATING", Map.of("istio-mesh", "mesh1"));
        JsonNode wait = Lambdas.invoke(handler, state(null));
        wait = Lambdas.invoke(handler, state(wait));
        JsonNode last = Lambdas.invoke(handler, state(wait));
        assertThat(last.path("attempt").asInt()).isEqualTo(3);

        JsonNode finalWait = last;
        assertThatThrownBy(() -> Lambdas.invoke(handler, state(finalWait))).isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("30 s").hasMessageContaining("eks-2");
    }

    @Test
    void waitActive_whenClusterFailed_failsWithClusterNotActive() {
        clusterIs("FAILED", Map.of("istio-mesh", "mesh1"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, state(null))).isInstanceOf(ClusterNotActive.class)
                .hasMessageContaining("FAILED");
    }

    @Test
    void waitActive_whenMeshTagRemovedMeanwhile_failsWithNotAMeshCluster() {
        clusterIs("CREATING", Map.of("team", "platform"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, state(null))).isInstanceOf(NotAMeshCluster.class);
    }
}
