package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.remote.ApiServer;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One item of the reconciler's RepairRemoteSecrets Map, with the ItemSelector's {@code {subject, holdersByProblem, members}}. */
class RepairRemoteSecretsHandlerTest {

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

    private RepairRemoteSecretsHandler handler() {
        return new RepairRemoteSecretsHandler(MotoServer.wiring(Map.of()), clusters.connector(),
                (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true));
    }

    @Test
    void handle_whenTheSubjectIsReady_rewritesItInTheHolderAndReturnsNamesOnly() {
        ClusterStepsFixture.readerReady(clusters, a);
        Map<String, Object> item = Map.of("subject", ClusterStepsFixture.member(a),
                "holdersByProblem", Map.of("STALE_TOKEN", List.of(b)),
                "members", List.of(ClusterStepsFixture.member(a), ClusterStepsFixture.member(b)));

        JsonNode result = Lambdas.invoke(handler(), item);

        assertThat(result.path("subject").asText()).isEqualTo(a);
        assertThat(result.path("failed")).isEmpty();
        try (KubernetesClient holder = clusters.client(b)) {
            assertThat(holder.secrets().inNamespace("istio-system").withName("istio-remote-secret-" + a).get())
                    .isNotNull();
        }
        assertThat(result.toString()).doesNotContain(ClusterStepsFixture.readerToken(clusters, a))
                .doesNotContain("kubeconfig");
    }

    @Test
    void handle_whenMembersAreMissing_failsWithInvalidInputNamingWhatProducesThem() {
        Map<String, Object> item = Map.of("subject", ClusterStepsFixture.member(a),
                "holdersByProblem", Map.of("MISSING", List.of(b)));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), item)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("members").hasMessageContaining("$.membership.members");
    }
}
