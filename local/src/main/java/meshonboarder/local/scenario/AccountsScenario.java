package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.aws.AwsClients;
import meshonboarder.cluster.MeshNames;
import meshonboarder.errors.ClusterNotApproved;
import meshonboarder.join.RequestApprovalService;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.mesh.Member;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A mesh across accounts and regions (issue 26): eks-1 (IPv4) in the hub's account and region; eks-2 (IPv6) in a
 * member account in another region, which offers the hub its member role and forwards its CreateCluster with its own
 * account and region. Both are meshed end to end, every call about eks-2 made in its account through that role, and
 * eks-2 known in the mesh by a name unique across accounts and regions. eks-3, of an account outside mesh1's join
 * policy, is refused before anything is written. mesh1's policy holds new members for approval: each waits at
 * RequestApproval with nothing written to it until the scenario answers, as a person would, with the task token from
 * the request the notification target gets; eks-2 is denied once (ClusterNotApproved), then approved.
 */
final class AccountsScenario extends Scenario {

    static final String MEMBER_ACCOUNT = "444455556666";
    static final String MEMBER_REGION = "eu-west-1";
    static final String OUTSIDE_ACCOUNT = "210987654321";
    /** mesh1's join policy: the hub's account and the member account, new members approved (docs/join-policy.md). */
    static final String JOIN_POLICIES = "{\"mesh1\": {\"accounts\": [\"" + LocalController.ACCOUNT + "\", \""
            + MEMBER_ACCOUNT + "\"], \"approval\": true}}";
    private static final Pattern TASK_TOKEN = Pattern.compile("--task-token '([^']+)'");

    AccountsScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.createInEks("eks-1");
        out.println("eks-1 joins mesh1 (manual input); mesh1's join policy holds new members for approval:");
        String first = stage.start(Drivers.ONBOARD, "{\"clusterName\": \"eks-1\"}");
        approve("eks-1", first);
        expect.status("eks-1", drive.follow("eks-1", first, Drivers.LIMIT), ExecutionStatus.SUCCEEDED);
        out.println("account " + MEMBER_ACCOUNT + " deploys the member template: MemberRole, trusted by the hub's roles");
        AwsClients member = drive.account(MEMBER_ACCOUNT, MEMBER_REGION);
        member.iam().createRole(r -> r.roleName(AwsClients.DEFAULT_MEMBER_ROLE_NAME).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + LocalController.ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        drive.createInAccount("eks-2", member, MEMBER_ACCOUNT, MEMBER_REGION);
        String meshName = MeshNames.of(LocalController.ACCOUNT, MEMBER_ACCOUNT, MEMBER_REGION, "eks-2");
        expect.meshName("eks-2", meshName);
        out.println("eks-2 is created in account " + MEMBER_ACCOUNT + ", " + MEMBER_REGION
                + "; its CreateCluster is forwarded to the hub's bus (mesh name " + meshName + "):");
        String forwarded = Drivers.forwarded(drive.createEvent("eks-2"), MEMBER_ACCOUNT, MEMBER_REGION);
        String denied = drive.startByRule(forwarded, "eks-2");
        out.println("  a person denies eks-2 (send-task-failure --error " + ClusterNotApproved.class.getName() + "):");
        controller.sendTaskFailure(heldFor("eks-2", denied), ClusterNotApproved.class.getName());
        DescribeExecutionResponse refusal = drive.follow("eks-2", denied, Drivers.LIMIT);
        expect.that(refusal != null && ClusterNotApproved.class.getName().equals(refusal.error()),
                "a denied cluster: ClusterNotApproved");
        expect.that(cluster("eks-2").secrets("istio-system").isEmpty(), "nothing was written to eks-2");
        out.println("eks-2's onboarding is started again (the same forwarded event), and approved:");
        String approved = drive.startByRule(forwarded, "eks-2");
        approve("eks-2", approved);
        expect.status("eks-2", drive.follow("eks-2", approved, Drivers.LIMIT), ExecutionStatus.SUCCEEDED);
        expect.fullMesh("eks-1", "eks-2");
        expect.gateways("dualstack", "eks-1", "eks-2");
        List<String> members = memberNames();
        expect.that(members.equals(List.of("eks-1", meshName)), "mesh1's members are eks-1 and " + meshName
                + " (were " + members + ")");

        out.println("account " + OUTSIDE_ACCOUNT + " (outside mesh1's join policy) forwards the CreateCluster of eks-3:");
        String outside = Drivers.forwarded(drive.createEvent("eks-3"), OUTSIDE_ACCOUNT, MEMBER_REGION);
        DescribeExecutionResponse refused = drive.startByEvent(outside, "eks-3");
        expect.that(refused != null && "meshonboarder.errors.ClusterNotAdmitted".equals(refused.error()),
                "a cluster of an account outside the join policy: ClusterNotAdmitted");
        expect.that(cluster("eks-3").secrets("istio-system").isEmpty(), "nothing was written to eks-3");
        expect.that(memberNames().size() == 2, "mesh1 still has two members");
        expect.noSecretsInState();
    }

    /** A person approves the held onboarding (send-task-success with the request's token). */
    private void approve(String standIn, String executionArn) {
        out.println("  a person approves " + standIn + " (send-task-success):");
        controller.sendTaskSuccess(heldFor(standIn, executionArn));
    }

    /**
     * The task token of the execution's approval request, as the notification target receives it (the event matches
     * AnnouncementsRule), once the execution waits at RequestApproval with nothing written to the cluster.
     */
    private String heldFor(String standIn, String executionArn) {
        String token = null;
        Instant deadline = Instant.now().plus(Drivers.LIMIT);
        while (token == null && Instant.now().isBefore(deadline)) {
            token = requestedToken(executionArn);
            if (token == null) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        expect.that(token != null, "an approval request for " + standIn + " reached the notification target");
        List<String> entered = controller.statesEntered(executionArn);
        expect.that(controller.describe(executionArn).status() == ExecutionStatus.RUNNING
                        && !entered.isEmpty() && entered.get(entered.size() - 1).equals("RequestApproval"),
                standIn + "'s onboarding waits at RequestApproval (entered " + entered + ")");
        expect.that(cluster(standIn).secrets("istio-system").isEmpty(), "nothing was written to " + standIn
                + " while it waits");
        String found = token;
        expect.that(found == null || controller.lambda().logLines().stream().noneMatch(l -> l.contains(found)),
                "the task token is in no function's log line");
        return token;
    }

    private String requestedToken(String executionArn) {
        for (String request : controller.lambda().putEvents()) {
            try {
                for (JsonNode entry : Json.MAPPER.readTree(request).path("Entries")) {
                    String event = Drivers.delivered(entry);
                    JsonNode detail = Json.MAPPER.readTree(event).path("detail");
                    Matcher token = TASK_TOKEN.matcher(detail.path("message").asText());
                    if (RequestApprovalService.DETAIL_TYPE.equals(entry.path("DetailType").asText())
                            && executionArn.equals(detail.path("executionArn").asText())
                            && controller.rules().notifies(event) && token.find()) {
                        return token.group(1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    /** eks-3 is refused before it is described, so its Announce names no mesh (as in bad-input). */
    @Override
    boolean logsNameTheMesh() {
        return false;
    }

    private List<String> memberNames() {
        return controller.members().list("mesh1").stream().map(Member::clusterName).sorted().toList();
    }
}
