package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.errors.CheckSuperseded;
import meshonboarder.errors.InvalidInput;
import meshonboarder.reconcile.PairProblem;
import meshonboarder.reconcile.SubjectFindings;
import meshonboarder.remote.ApiServer;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One item of the reconciler's RepairRemoteSecrets Map, with the ItemSelector's {@code {subject, members,
 * executionArn}}: the holders are those the execution's check kept in the mesh table (moto's DynamoDB).
 */
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

    private final DynamoMeshChecks checks = new DynamoMeshChecks(MotoServer.aws().dynamoDb(), MeshTables.ensure());
    private final String run = MotoServer.unique("arn:aws:states:us-east-1:123456789012:execution:ReconcileMesh:run");

    private RepairRemoteSecretsHandler handler() {
        return new RepairRemoteSecretsHandler(MotoServer.wiring(Map.of()), clusters.connector(),
                (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true),
                checks);
    }

    private Map<String, Object> item(String executionArn) {
        return Map.of("subject", a, "executionArn", executionArn,
                "members", List.of(ClusterStepsFixture.member(a), ClusterStepsFixture.member(b)));
    }

    @Test
    void handle_whenTheSubjectIsReady_rewritesItInTheHolderAndReturnsNamesOnly() {
        ClusterStepsFixture.readerReady(clusters, a);
        checks.put(ClusterStepsFixture.MESH, new SubjectFindings(a, run, Map.of(PairProblem.STALE_TOKEN, List.of(b)),
                List.of()));
        Map<String, Object> item = item(run);

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
    void handle_whenAnotherExecutionsCheckIsKept_isCheckSupersededAndWritesNothing() {
        ClusterStepsFixture.readerReady(clusters, a);
        checks.put(ClusterStepsFixture.MESH, new SubjectFindings(a, run + "-newer",
                Map.of(PairProblem.MISSING, List.of(b)), List.of()));

        assertThatThrownBy(() -> Lambdas.invoke(handler(), item(run))).isInstanceOf(CheckSuperseded.class)
                .hasMessageContaining(run + "-newer");
        try (KubernetesClient holder = clusters.client(b)) {
            assertThat(holder.secrets().inNamespace("istio-system").withName("istio-remote-secret-" + a).get())
                    .isNull();
        }
    }

    @Test
    void handle_whenMembersAreMissing_failsWithInvalidInputNamingWhatProducesThem() {
        Map<String, Object> item = Map.of("subject", a, "executionArn", run);

        assertThatThrownBy(() -> Lambdas.invoke(handler(), item)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("members").hasMessageContaining("$.membership.members");
    }
}
