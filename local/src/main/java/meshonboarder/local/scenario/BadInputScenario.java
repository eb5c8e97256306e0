package meshonboarder.local.scenario;

import java.util.Map;
import meshonboarder.local.LocalController;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * An unknown cluster, an untagged one and one of another account: named errors from Resolve, no rule for the untagged
 * event, nothing written.
 */
final class BadInputScenario extends Scenario {

    private static final String MEMBER_ACCOUNT = "210987654321";

    BadInputScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        out.println("manual input for a cluster that does not exist:");
        DescribeExecutionResponse unknown = drive.startByHand("input", Drivers.ONBOARD, "{\"clusterName\": \"eks-404\"}");
        expect.that("meshonboarder.errors.ClusterNotFound".equals(unknown.error()), "unknown cluster: ClusterNotFound");
        out.println("eks-1 is created without the mesh tag:");
        drive.createInEks("eks-1", Map.of("team", "platform"));
        String untagged = drive.event("create-cluster-untagged.json", "eks-1");
        expect.that(controller.rules().matching(untagged).isEmpty(), "no rule matches CreateCluster without the tag");
        out.println("  event  : no rule matches CreateCluster without the mesh tag: nothing starts");
        DescribeExecutionResponse manual = drive.startByHand("input", Drivers.ONBOARD, "{\"clusterName\": \"eks-1\"}");
        expect.that("meshonboarder.errors.NotAMeshCluster".equals(manual.error()), "untagged cluster: NotAMeshCluster");
        out.println("account 210987654321 forwards the CreateCluster of its own eks-1, tagged for mesh1:");
        // a member account's rule forwards the event as it is: its account, its cluster ARN (member-accounts.md)
        String forwarded = drive.createEvent("eks-1").replace(LocalController.ACCOUNT, MEMBER_ACCOUNT);
        DescribeExecutionResponse foreign = drive.startByEvent(forwarded, "eks-1");
        expect.that(foreign != null && "meshonboarder.errors.ClusterNotAdmitted".equals(foreign.error()),
                "another account's cluster, outside the default join policy: ClusterNotAdmitted");
        expect.that(cluster("eks-1").secrets("istio-system").isEmpty(), "nothing was written to eks-1");
    }

    /** No cluster is found, so no line names a mesh. */
    @Override
    boolean logsNameTheMesh() {
        return false;
    }
}
