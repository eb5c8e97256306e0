package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ApiServer;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One item of the ExchangeRemoteSecrets Map, with the ItemSelector's {@code {cluster, peer}}. */
class ExchangeRemoteSecretsHandlerTest {

    private MockClusters clusters;
    private String a;
    private String b;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        a = ClusterStepsFixture.startCluster(clusters, "eks-a");
        b = ClusterStepsFixture.startCluster(clusters, "eks-b");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private Map<String, Object> item() {
        return Map.of("cluster", ClusterStepsFixture.cluster(a), "peer", ClusterStepsFixture.member(b));
    }

    @Test
    void handle_whenBothReadersReady_reportsBothDirectionsAndNoCredentials() {
        ClusterStepsFixture.readerReady(clusters, a);
        ClusterStepsFixture.readerReady(clusters, b);
        var handler = new ExchangeRemoteSecretsHandler(MotoServer.wiring(Map.of()), clusters.connector(),
                (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true));

        JsonNode first = Lambdas.invoke(handler, item());
        JsonNode second = Lambdas.invoke(handler, item());

        assertThat(first.path("status").asText()).isEqualTo("EXCHANGED");
        assertThat(first.path("intoCluster").asText()).isEqualTo("CREATED");
        assertThat(first.path("intoPeer").asText()).isEqualTo("CREATED");
        assertThat(first.path("peer").path("clusterName").asText()).isEqualTo(b);
        assertThat(first.path("peer").path("ipFamily").asText()).isEqualTo("ipv6");
        assertThat(second.path("intoCluster").asText()).isEqualTo("UNCHANGED");
        assertThat(second.path("intoPeer").asText()).isEqualTo("UNCHANGED");
        assertThat(first.toString()).doesNotContain(ClusterStepsFixture.readerToken(clusters, a))
                .doesNotContain(ClusterStepsFixture.readerToken(clusters, b)).doesNotContain("kubeconfig");
    }

    @Test
    void handle_whenWiredForAws_writesTheEndpointAndCaThatEksGives() {
        ClusterStepsFixture.readerReady(clusters, a);
        ClusterStepsFixture.readerReady(clusters, b);
        var handler = new ExchangeRemoteSecretsHandler(MotoServer.wiring(Map.of()), clusters.connector());
        var eks = MotoServer.aws().eks(MotoServer.REGION).describeCluster(r -> r.name(a)).cluster();

        Lambdas.invoke(handler, item());

        try (KubernetesClient peer = clusters.client(b)) {
            Secret secret = peer.secrets().inNamespace("istio-system").withName("istio-remote-secret-" + a).get();
            Config kubeconfig = Config.fromKubeconfig(new String(Base64.getDecoder().decode(secret.getData().get(a)),
                    StandardCharsets.UTF_8));
            assertThat(kubeconfig.getMasterUrl()).isEqualTo(eks.endpoint());
            assertThat(kubeconfig.getCaCertData()).isEqualTo(eks.certificateAuthority().data());
            assertThat(kubeconfig.getAutoOAuthToken()).isEqualTo(ClusterStepsFixture.readerToken(clusters, a));
        }
    }

    @Test
    void handle_whenThePeerIsNotReachable_isTransientForTheMapsRetry() {
        ClusterStepsFixture.readerReady(clusters, a);
        var handler = new ExchangeRemoteSecretsHandler(MotoServer.wiring(Map.of()),
                (region, name) -> name.equals(b) ? unreachable() : clusters.client(name),
                (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true));

        assertThatThrownBy(() -> Lambdas.invoke(handler, item()))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("Could not reach the Kubernetes API server");
    }

    private static KubernetesClient unreachable() {
        Config config = new ConfigBuilder(Config.empty()).withAutoConfigure(false)
                .withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }
}
