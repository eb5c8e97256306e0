package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretOperatorTest {

    private final SecretOperator secrets = new SecretOperator();
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void startCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = client(server.url("/"));
    }

    @AfterEach
    void stopCluster() {
        client.close();
        server.destroy();
    }

    @Test
    void apply_whenAbsent_createsIt() {
        ApplyOutcome outcome = secrets.apply(client, "eks-1", secret(Map.of("a", "YQ==")));

        assertThat(outcome).isEqualTo(ApplyOutcome.CREATED);
        assertThat(client.secrets().inNamespace("istio-system").withName("cacerts").get().getData())
                .containsExactly(Map.entry("a", "YQ=="));
    }

    @Test
    void apply_whenTheSameIsAppliedAgain_writesNothing() {
        secrets.apply(client, "eks-1", secret(Map.of("a", "YQ==")));
        String before = resourceVersion();

        ApplyOutcome outcome = secrets.apply(client, "eks-1", secret(Map.of("a", "YQ==")));

        assertThat(outcome).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(resourceVersion()).isEqualTo(before);
    }

    @Test
    void apply_whenTheDataDiffers_replacesTheDataAndKeepsOthersLabels() {
        secrets.apply(client, "eks-1", secret(Map.of("a", "YQ==", "old", "b2xk")));
        client.secrets().inNamespace("istio-system").withName("cacerts")
                .edit(s -> new SecretBuilder(s).editMetadata().addToLabels("team", "mesh").endMetadata().build());
        String before = resourceVersion();

        ApplyOutcome outcome = secrets.apply(client, "eks-1", secret(Map.of("a", "Yg==")));

        assertThat(outcome).isEqualTo(ApplyOutcome.UPDATED);
        Secret current = client.secrets().inNamespace("istio-system").withName("cacerts").get();
        assertThat(current.getData()).containsExactly(Map.entry("a", "Yg=="));
        assertThat(current.getMetadata().getLabels()).containsEntry("team", "mesh")
                .containsEntry("app.kubernetes.io/managed-by", "mesh-onboarder");
        assertThat(current.getMetadata().getResourceVersion()).isNotEqualTo(before);
    }

    @Test
    void apply_whenTheTypeDiffers_recreatesIt() {
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(secret(Map.of("a", "YQ==")))
                .withType("kubernetes.io/tls").build()).create();

        ApplyOutcome outcome = secrets.apply(client, "eks-1", secret(Map.of("a", "YQ==")));

        assertThat(outcome).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(client.secrets().inNamespace("istio-system").withName("cacerts").get().getType())
                .isEqualTo("Opaque");
    }

    @Test
    void ensure_whenTheNamespaceIsMissing_createsItOnce() {
        assertThat(ObjectOperator.ensureNamespace(client, "cluster eks-1", "istio-system")).isEqualTo(ApplyOutcome.CREATED);
        assertThat(ObjectOperator.ensureNamespace(client, "cluster eks-1", "istio-system")).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(client.namespaces().withName("istio-system").get()).isNotNull();
    }

    @Test
    void apply_whenTheApiServerAnswers503_isTransient() {
        server.expect().get().withPath("/api/v1/namespaces/istio-system/secrets/cacerts")
                .andReturn(503, "{\"kind\":\"Status\",\"code\":503}").always();

        assertThatThrownBy(() -> secrets.apply(client, "eks-1", secret(Map.of("a", "YQ=="))))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("cluster eks-1").hasMessageContaining("HTTP 503");
    }

    @Test
    void apply_whenTheApiServerRefuses_isAccessDenied() {
        server.expect().get().withPath("/api/v1/namespaces/istio-system/secrets/cacerts")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403}").always();

        assertThatThrownBy(() -> secrets.apply(client, "eks-1", secret(Map.of("a", "YQ=="))))
                .isInstanceOf(AccessDenied.class).hasMessageContaining("access entry");
    }

    @Test
    void ensure_whenTheApiServerCannotBeReached_isTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KubernetesClient unreachable = client("http://127.0.0.1:" + closedPort + "/")) {
            assertThatThrownBy(() -> ObjectOperator.ensureNamespace(unreachable, "cluster eks-1", "istio-system"))
                    .isInstanceOf(Transient.class)
                    .hasMessageContaining("Could not reach the Kubernetes API server");
        }
    }

    private String resourceVersion() {
        return client.secrets().inNamespace("istio-system").withName("cacerts").get().getMetadata()
                .getResourceVersion();
    }

    private static Secret secret(Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withNamespace("istio-system").withName("cacerts")
                .addToLabels("app.kubernetes.io/managed-by", "mesh-onboarder").endMetadata()
                .withType("Opaque").withData(data).build();
    }

    /** No retries: the state machine retries, and a test should not wait out the client's backoff. */
    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true)
                .withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
