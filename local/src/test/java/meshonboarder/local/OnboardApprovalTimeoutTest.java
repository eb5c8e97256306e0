package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.IpFamily;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The real OnboardCluster machine in moto: an approval request nobody answers within ApprovalTimeoutSeconds ends the
 * onboarding with ApprovalTimedOut, announced, and no step that writes to a cluster ran (there is no stand-in cluster
 * to write to). The accounts scenario shows the approval and the denial.
 */
class OnboardApprovalTimeoutTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static LocalController controller;

    @BeforeAll
    static void start() throws Exception {
        // 1 s: below the template's MinValue, which CloudFormation enforces and the local runner does not
        controller = LocalController.start(ROOT, Map.of("JoinPolicies", "{\"mesh1\": {\"approval\": true}}",
                "ApprovalTimeoutSeconds", "1"), Map.of("POLL_INTERVAL_SECONDS", "1"), name -> null);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void onboard_whenNobodyAnswersTheApprovalRequest_failsWithApprovalTimedOutHavingWrittenNothing() {
        controller.aws().eks(LocalController.REGION).createCluster(r -> r.name("held")
                .roleArn("arn:aws:iam::123456789012:role/eks").resourcesVpcConfig(v -> v.subnetIds("subnet-1"))
                .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV4))
                .tags(Map.of("istio-mesh", "mesh1", "istio-network", "net-1")));

        String arn = controller.start("OnboardClusterStateMachine", "{\"clusterName\": \"held\"}");
        DescribeExecutionResponse execution = controller.await(arn, Duration.ofSeconds(60));

        assertThat(execution.status()).as(execution.toString()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("meshonboarder.errors.ApprovalTimedOut");
        assertThat(execution.cause()).contains("Nobody approved or denied cluster held joining mesh mesh1")
                .contains("Nothing was written to it");
        assertThat(controller.statesEntered(arn)).containsExactly("Resolve", "ClaimOnboarding", "IsClaimed",
                "NeedsApproval", "HoldForApproval", "RequestApproval", "NotAnswered", "Announce", "HowToEnd",
                "OnboardingFailed");
    }
}
