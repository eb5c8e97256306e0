package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import meshonboarder.kubernetes.remote.RemoteSecret;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One item of the removal Maps, with the ItemSelector's {@code {member, peer}} and, reconciling, {@code bothWays}. */
class RemoveRemoteSecretHandlerTest {

    private MockClusters clusters;
    private RemoveRemoteSecretHandler handler;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-b");
        handler = new RemoveRemoteSecretHandler(MotoServer.wiring(Map.of()), clusters.connector());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    @Test
    void handle_whenThePeerHoldsTheSecret_deletesItThenFindsItAbsent() {
        try (KubernetesClient peer = clusters.client("eks-b")) {
            peer.secrets().inNamespace("istio-system").resource(RemoteSecret.of("eks-gone", "apiVersion: v1\n")).create();
        }
        Map<String, Object> item = Map.of("member", ClusterStepsFixture.member("eks-gone"),
                "peer", ClusterStepsFixture.member("eks-b"));

        JsonNode first = Lambdas.invoke(handler, item);
        JsonNode second = Lambdas.invoke(handler, item);

        assertThat(first.path("status").asText()).isEqualTo("REMOVED");
        assertThat(first.path("secret").asText()).isEqualTo("DELETED");
        assertThat(first.path("peer").path("clusterName").asText()).isEqualTo("eks-b");
        assertThat(second.path("secret").asText()).isEqualTo("ABSENT");
        // one way (offboarding): the departed cluster is not asked
        assertThat(first.has("peerSecret")).isFalse();
    }

    @Test
    void handle_whenThePeerClusterIsGoneToo_isAbsent() {
        JsonNode result = Lambdas.invoke(handler, Map.of("member", ClusterStepsFixture.member("eks-gone"),
                "peer", ClusterStepsFixture.member("eks-also-gone")));

        assertThat(result.path("status").asText()).isEqualTo("REMOVED");
        assertThat(result.path("secret").asText()).isEqualTo("ABSENT");
    }

    @Test
    void handle_whenBothWays_takesEachClustersSecretOutOfTheOther() {
        clusters.start("eks-untagged");
        try (KubernetesClient peer = clusters.client("eks-b"); KubernetesClient leaving = clusters.client("eks-untagged")) {
            peer.secrets().inNamespace("istio-system").resource(RemoteSecret.of("eks-untagged", "apiVersion: v1\n"))
                    .create();
            leaving.secrets().inNamespace("istio-system").resource(RemoteSecret.of("eks-b", "apiVersion: v1\n")).create();
        }

        JsonNode result = Lambdas.invoke(handler, Map.of("member", ClusterStepsFixture.member("eks-untagged"),
                "peer", ClusterStepsFixture.member("eks-b"), "bothWays", true));

        assertThat(result.path("status").asText()).isEqualTo("REMOVED");
        assertThat(result.path("secret").asText()).isEqualTo("DELETED");
        assertThat(result.path("peerSecret").asText()).isEqualTo("DELETED");
        try (KubernetesClient peer = clusters.client("eks-b"); KubernetesClient leaving = clusters.client("eks-untagged")) {
            assertThat(peer.secrets().inNamespace("istio-system").withName(RemoteSecret.name("eks-untagged")).get())
                    .isNull();
            assertThat(leaving.secrets().inNamespace("istio-system").withName(RemoteSecret.name("eks-b")).get())
                    .isNull();
        }
    }
}
