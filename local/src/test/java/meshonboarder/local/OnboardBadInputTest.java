package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import meshonboarder.testing.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.IpFamily;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The real state machines in moto, with the real handlers behind the local Invoke endpoint: bad input ends
 * the execution with a named error after Resolve, announces the failure, and touches nothing.
 */
class OnboardBadInputTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static LocalController controller;

    @BeforeAll
    static void start() throws Exception {
        // no stand-in cluster at all: bad input must never need one
        controller = LocalController.start(ROOT, Map.of(), Map.of("POLL_INTERVAL_SECONDS", "1"), name -> null);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    private DescribeExecutionResponse run(String machine, String input) {
        String arn = controller.start(machine, input);
        DescribeExecutionResponse execution = controller.await(arn, Duration.ofSeconds(60));
        assertThat(execution.status()).as(execution.toString()).isNotEqualTo(ExecutionStatus.RUNNING);
        return execution;
    }

    @Test
    void onboard_whenClusterUnknown_failsWithClusterNotFoundAfterAnnouncing() {
        DescribeExecutionResponse execution = run("OnboardClusterStateMachine", "{\"clusterName\": \"nowhere\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("meshonboarder.errors.ClusterNotFound");
        assertThat(execution.cause()).contains("There is no EKS cluster named 'nowhere' in us-east-1");
        assertThat(controller.statesEntered(execution.executionArn()))
                .containsExactly("Resolve", "Announce", "HowToEnd", "OnboardingFailed");
    }

    @Test
    void onboard_whenClusterHasNoMeshTag_failsWithNotAMeshCluster() {
        controller.aws().eks(LocalController.REGION).createCluster(r -> r.name("untagged")
                .roleArn("arn:aws:iam::123456789012:role/eks").resourcesVpcConfig(v -> v.subnetIds("subnet-1"))
                .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV4)).tags(Map.of("team", "platform")));

        DescribeExecutionResponse execution = run("OnboardClusterStateMachine", "{\"clusterName\": \"untagged\"}");

        assertThat(execution.error()).isEqualTo("meshonboarder.errors.NotAMeshCluster");
        assertThat(controller.statesEntered(execution.executionArn()))
                .containsExactly("Resolve", "Announce", "HowToEnd", "OnboardingFailed");
    }

    @Test
    void onboard_whenEventIsMalformed_failsWithInvalidInput() {
        var event = Events.load("create-cluster-tagged.json");
        ((ObjectNode) event.get("detail").get("requestParameters")).remove("name");

        DescribeExecutionResponse execution = run("OnboardClusterStateMachine", event.toString());

        assertThat(execution.error()).isEqualTo("meshonboarder.errors.InvalidInput");
        assertThat(execution.cause()).contains("requestParameters.name");
    }

    @Test
    void offboard_whenClusterWasNeverAMember_endsQuietlyWithNotAMember() {
        DescribeExecutionResponse execution = run("OffboardClusterStateMachine",
                Events.about("delete-cluster.json", "stranger", "us-east-1").toString());

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).contains("NOT_A_MEMBER").contains("stranger");
        assertThat(controller.statesEntered(execution.executionArn())).containsExactly("ResolveMember", "IsMember",
                "NotAMember");
    }
}
