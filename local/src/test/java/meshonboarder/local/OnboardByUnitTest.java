package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import meshonboarder.aws.MotoOrganization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.IpFamily;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The real OnboardCluster machine in moto, with a join policy that admits an organizational unit
 * (docs/join-policy.md): Resolve asks moto's Organizations for the account's unit through OrganizationsRoleArn, a role
 * of the organization's management account. A cluster of an account in the unit is admitted: the policy's approval
 * then holds it, and with nobody answering within a 1-second ApprovalTimeoutSeconds it ends in ApprovalTimedOut with
 * nothing written to it. A cluster of an account at the organization's root is refused by Resolve.
 */
class OnboardByUnitTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static LocalController controller;
    private static MotoOrganization organization;
    private static String unit;

    @BeforeAll
    static void start() throws Exception {
        // 1 s: below the template's MinValue, which CloudFormation enforces and the local runner does not
        controller = LocalController.start(ROOT, Map.of("ApprovalTimeoutSeconds", "1"),
                Map.of("POLL_INTERVAL_SECONDS", "1"), name -> null);
        organization = MotoOrganization.create(controller.aws());
        unit = organization.unit("meshed");
        // a stack update, as a deploy with the unit's id would be
        controller.updateParameters(Map.of("OrganizationsRoleArn", organization.readerRoleArn(), "JoinPolicies",
                "{\"mesh1\": {\"organizationalUnits\": [\"" + unit + "\"], \"approval\": true}}"));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    /** A cluster made in the account by its own user (a session of some role there), and its manual onboarding input. */
    private static String clusterIn(String account, String name) {
        controller.aws().forAccount(account).eks(LocalController.REGION).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + account + ":role/eks").resourcesVpcConfig(v -> v.subnetIds("subnet-1"))
                .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV4))
                .tags(Map.of("istio-mesh", "mesh1", "istio-network", "net-1")));
        return "{\"clusterName\": \"" + name + "\", \"account\": \"" + account + "\"}";
    }

    @Test
    void onboard_whenTheAccountIsInTheUnit_isAdmittedAndHeldForApprovalHavingWrittenNothing() {
        String arn = controller.start("OnboardClusterStateMachine", clusterIn(organization.accountIn(unit), "in-unit"));
        DescribeExecutionResponse execution = controller.await(arn, Duration.ofSeconds(60));

        assertThat(execution.error()).as(execution.toString()).isEqualTo("meshonboarder.errors.ApprovalTimedOut");
        assertThat(controller.statesEntered(arn)).containsExactly("Resolve", "ClaimOnboarding", "IsClaimed",
                "NeedsApproval", "HoldForApproval", "RequestApproval", "NotAnswered", "Announce", "HowToEnd",
                "OnboardingFailed");
        assertThat(controller.members().list("mesh1")).isEmpty();
    }

    @Test
    void onboard_whenTheAccountSitsAtTheRoot_isRefusedByResolve() {
        String account = organization.account();
        String arn = controller.start("OnboardClusterStateMachine", clusterIn(account, "at-root"));
        DescribeExecutionResponse execution = controller.await(arn, Duration.ofSeconds(60));

        assertThat(execution.status()).as(execution.toString()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("meshonboarder.errors.ClusterNotAdmitted");
        assertThat(execution.cause()).contains("account " + account + " is not among its accounts []")
                .contains("its organizational unit is none (it sits at the organization's root), so not among ["
                        + unit + "]");
        assertThat(controller.statesEntered(arn)).first().isEqualTo("Resolve");
        assertThat(controller.statesEntered(arn)).doesNotContain("ClaimOnboarding");
    }
}
