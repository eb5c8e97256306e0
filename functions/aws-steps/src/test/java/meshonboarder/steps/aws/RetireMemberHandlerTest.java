package meshonboarder.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.testing.MeshTables;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/**
 * RetireMember against SSM and Secrets Manager on a moto server. This module has no fabric8 on its classpath, so
 * these tests also show that the step never loads a Kubernetes class.
 */
class RetireMemberHandlerTest {

    private final AwsClients aws = MotoServer.aws();
    private final String mesh = MotoServer.unique("mesh");
    private final RetireMemberHandler handler = new RetireMemberHandler(MotoServer.wiring(Map.of(
            "CA_RECOVERY_WINDOW_DAYS", "7")));
    private final DynamoMeshMembers members = new DynamoMeshMembers(aws.dynamoDb(), MeshTables.ensure());
    private final Member departing = new Member(mesh, "eks-c", MotoServer.REGION,
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-c", IpFamily.IPV4, "net-c");
    private final String ca = "istio-mesh/" + mesh + "/clusters/eks-c/intermediate-ca";

    private static Map<String, Object> removed(String peer) {
        return Map.of("peer", Map.of("meshId", "m", "clusterName", peer), "status", "REMOVED", "secret", "DELETED");
    }

    private static Map<String, Object> unreached(String peer) {
        return Map.of("peer", Map.of("meshId", "m", "clusterName", peer), "status", "UNREACHED",
                "error", "meshonboarder.errors.Transient", "cause", "{\"errorMessage\": \"Could not reach\"}");
    }

    @Test
    void handle_whenEveryPeerDroppedTheSecret_schedulesTheCaAndRemovesTheMember() {
        members.register(departing);
        aws.secretsManager().createSecret(r -> r.name(ca).secretString("{}"));

        JsonNode result = Lambdas.invoke(handler, Map.of("member", departing,
                "removal", List.of(removed("eks-a"), removed("eks-b"))));

        assertThat(result.path("retired").asBoolean()).isTrue();
        assertThat(result.path("intermediateCa").asText()).isEqualTo("SCHEDULED_FOR_DELETION");
        assertThat(result.path("membership").asText()).isEqualTo("REMOVED");
        assertThat(members.find("eks-c", MotoServer.REGION).filter(m -> m.meshId().equals(mesh))).isEmpty();
        assertThat(aws.secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate()).isNotNull();
    }

    @Test
    void handle_whenAPeerWasUnreached_changesNothing() {
        members.register(departing);
        aws.secretsManager().createSecret(r -> r.name(ca).secretString("{}"));

        JsonNode result = Lambdas.invoke(handler, Map.of("member", departing,
                "removal", List.of(removed("eks-a"), unreached("eks-b"))));

        assertThat(result.path("retired").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).contains("eks-b").contains("re-run");
        assertThat(result.path("unreached")).extracting(JsonNode::asText).containsExactly("eks-b");
        assertThat(result.has("intermediateCa")).isFalse();
        assertThat(members.list(mesh)).containsExactly(departing);
        assertThat(aws.secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate()).isNull();
    }

    @Test
    void handle_whenTheMeshHadNoOtherMemberAndNoCa_retiresQuietly() {
        members.register(departing);

        JsonNode result = Lambdas.invoke(handler, Map.of("member", departing, "removal", List.of()));

        assertThat(result.path("retired").asBoolean()).isTrue();
        assertThat(result.path("intermediateCa").asText()).isEqualTo("ABSENT");
        assertThat(members.list(mesh)).isEmpty();
    }
}
