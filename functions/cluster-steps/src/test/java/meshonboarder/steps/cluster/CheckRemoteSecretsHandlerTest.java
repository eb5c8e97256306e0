package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.errors.InvalidInput;
import meshonboarder.reconcile.Membership;
import meshonboarder.reconcile.PairProblem;
import meshonboarder.remote.ApiServer;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CheckRemoteSecrets on the wire: $.membership in, $.remoteSecrets out with the subjects the RepairRemoteSecrets Map
 * reads, their holders kept in the mesh table (moto's DynamoDB).
 */
class CheckRemoteSecretsHandlerTest {

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

    private CheckRemoteSecretsHandler handler() {
        return new CheckRemoteSecretsHandler(clusters.connector(),
                (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true),
                checks);
    }

    @Test
    void handle_whenNoMemberHoldsTheOthersSecret_asksForOneRepairPerSubjectByProblemName() {
        ClusterStepsFixture.readerReady(clusters, a);
        ClusterStepsFixture.readerReady(clusters, b);
        Membership membership = new Membership(ClusterStepsFixture.MESH, List.of(ClusterStepsFixture.member(a),
                ClusterStepsFixture.member(b)), List.of(), 4);

        JsonNode result = Lambdas.invoke(handler(), Map.of("membership", membership, "executionArn", run));

        assertThat(result.path("checked").asInt()).isEqualTo(2);
        assertThat(result.path("repairs")).hasSize(2);
        assertThat(result.at("/repairs/0/subject").asText()).isEqualTo(a);
        assertThat(result.at("/repairs/0/holders").asInt()).isEqualTo(1);
        assertThat(result.at("/repairs/1/subject").asText()).isEqualTo(b);
        assertThat(checks.find(ClusterStepsFixture.MESH, a)).hasValueSatisfying(f -> {
            assertThat(f.executionArn()).isEqualTo(run);
            assertThat(f.holdersByProblem()).containsEntry(PairProblem.MISSING, List.of(b));
        });
        assertThat(result.path("unreachable")).isEmpty();
        assertThat(result.toString()).doesNotContain(ClusterStepsFixture.readerToken(clusters, a));
    }

    @Test
    void handle_whenTheMembershipIsMissing_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("executionArn", run)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("membership");
    }
}
