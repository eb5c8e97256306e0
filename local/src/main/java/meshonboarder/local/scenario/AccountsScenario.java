package meshonboarder.local.scenario;

import java.util.List;
import meshonboarder.aws.AwsClients;
import meshonboarder.cluster.MeshNames;
import meshonboarder.local.LocalController;
import meshonboarder.mesh.Member;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A mesh across accounts and regions (issue 26): eks-1 (IPv4) in the hub's account and region; eks-2 (IPv6) in a
 * member account in another region, which offers the hub its member role and forwards its CreateCluster with its own
 * account and region. Both are meshed end to end, every call about eks-2 made in its account through that role, and
 * eks-2 known in the mesh by a name unique across accounts and regions. eks-3, of an account outside mesh1's join
 * policy, is refused before anything is written.
 */
final class AccountsScenario extends Scenario {

    static final String MEMBER_ACCOUNT = "444455556666";
    static final String MEMBER_REGION = "eu-west-1";
    static final String OUTSIDE_ACCOUNT = "210987654321";
    /** mesh1's join policy: the hub's account and the member account (docs/join-policy.md). */
    static final String JOIN_POLICIES = "{\"mesh1\": {\"accounts\": [\"" + LocalController.ACCOUNT + "\", \""
            + MEMBER_ACCOUNT + "\"]}}";

    AccountsScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.joinByHand("eks-1");
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
        expect.status("eks-2", drive.startByEvent(forwarded, "eks-2"), ExecutionStatus.SUCCEEDED);
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

    /** eks-3 is refused before it is described, so its Announce names no mesh (as in bad-input). */
    @Override
    boolean logsNameTheMesh() {
        return false;
    }

    private List<String> memberNames() {
        return controller.members().list("mesh1").stream().map(Member::clusterName).sorted().toList();
    }
}
