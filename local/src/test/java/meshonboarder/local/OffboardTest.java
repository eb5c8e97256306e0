package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.AccessDenied;
import meshonboarder.json.Json;
import meshonboarder.kubernetes.remote.RemoteSecret;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The real OffboardCluster state machine in moto with the real handlers: a deleted member's remote secret leaves
 * every peer (the RemoveFromEachPeer Map), then RetireMember removes the membership record and schedules the
 * intermediate CA's deletion; a second run finds no member and ends quietly.
 */
class OffboardTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String MESH = "mesh-offboard";
    private static final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
    private static LocalController controller;

    @BeforeAll
    static void start() throws Exception {
        controller = LocalController.start(ROOT, Map.of(), Map.of("POLL_INTERVAL_SECONDS", "1"), clusters::get);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
        clusters.values().forEach(SimulatedCluster::close);
    }

    private static Member member(String name) {
        return new Member(MESH, name, LocalController.REGION, "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name);
    }

    private static void peer(String name) {
        controller.aws().eks(LocalController.REGION).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::123456789012:role/eks").resourcesVpcConfig(v -> v.subnetIds("subnet-1"))
                .tags(Map.of("istio-mesh", MESH)));
        SimulatedCluster cluster = new SimulatedCluster(name, IpFamily.IPV4, SimulatedCluster.Behaviour.prompt());
        clusters.put(name, cluster);
        cluster.client().secrets().inNamespace("istio-system").resource(RemoteSecret.of("eks-gone", "apiVersion: v1\n"))
                .create();
    }

    private DescribeExecutionResponse offboard(String clusterName) {
        String arn = controller.start("OffboardClusterStateMachine",
                "{\"clusterName\": \"" + clusterName + "\", \"region\": \"us-east-1\"}");
        DescribeExecutionResponse execution = controller.await(arn, Duration.ofSeconds(90));
        assertThat(execution.status()).as(execution.toString()).isNotEqualTo(ExecutionStatus.RUNNING);
        return execution;
    }

    @Test
    void offboard_whenAMemberWasDeleted_removesItsSecretFromEveryPeerAndRetiresIt() throws Exception {
        DynamoMeshMembers members = controller.members();
        peer("eks-a");
        peer("eks-b");
        members.register(member("eks-a"));
        members.register(member("eks-b"));
        members.register(member("eks-gone")); // its EKS cluster is deleted: only the record is left
        String ca = "istio-mesh/" + MESH + "/clusters/eks-gone/intermediate-ca";
        controller.aws().secretsManager().createSecret(r -> r.name(ca).secretString("{}"));

        DescribeExecutionResponse execution = offboard("eks-gone");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.MAPPER.readTree(execution.output());
        assertThat(output.path("removal")).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("status").asText()).isEqualTo("REMOVED");
            assertThat(r.path("secret").asText()).isEqualTo("DELETED");
        });
        assertThat(output.at("/retirement/retired").asBoolean()).isTrue();
        assertThat(output.at("/retirement/intermediateCa").asText()).isEqualTo("SCHEDULED_FOR_DELETION");
        assertThat(output.at("/announcement/outcome").asText()).isEqualTo("OFFBOARDED");
        for (String peer : new String[] {"eks-a", "eks-b"}) {
            KubernetesClient client = clusters.get(peer).client();
            assertThat(client.secrets().inNamespace("istio-system").withName("istio-remote-secret-eks-gone").get())
                    .as(peer).isNull();
        }
        assertThat(members.list(MESH)).extracting(Member::clusterName).containsExactlyInAnyOrder("eks-a", "eks-b");
        assertThat(controller.aws().secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate()).isNotNull();

        DescribeExecutionResponse again = offboard("eks-gone");

        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.MAPPER.readTree(again.output()).path("status").asText()).isEqualTo("NOT_A_MEMBER");
    }

    /**
     * Issue 22: when Announce itself failed, a Choice went on to read $.announcement, which its Catch leaves unset: a
     * States.Runtime error, caught by nothing. Now the Catch leads to HowToEndUnannounced, which reads only $.error,
     * and the execution fails with Announce's own error: the end was not announced.
     */
    @Test
    void offboard_whenAnnounceFails_failsWithAnnouncesErrorWithoutReadingTheAnnouncement() throws Exception {
        String mesh = "mesh-unannounced";
        controller.members().register(new Member(mesh, "eks-lone", LocalController.REGION,
                "arn:aws:eks:us-east-1:123456789012:cluster/eks-lone", IpFamily.IPV4, "net-lone"));
        controller.lambda().register("AnnounceFunction", (input, output, context) -> {
            throw new AccessDenied("events:PutEvents was denied on the default bus.");
        });
        DescribeExecutionResponse execution;
        try {
            execution = offboard("eks-lone");
        } finally {
            controller.restoreFunctions(); // Announce's own handler again
        }

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("meshonboarder.errors.AccessDenied");
        assertThat(execution.cause()).contains("events:PutEvents was denied");
        assertThat(controller.statesEntered(execution.executionArn())).endsWith("RetireMember", "Announce",
                "HowToEndUnannounced", "AnnouncementFailed");
    }
}
