package meshonboarder.local.scenario;

import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The two members of dual-stack, then eks-2 is deleted: its DeleteCluster event takes it out of every peer. */
final class OffboardScenario extends Scenario {

    OffboardScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.meshOfTwo();
        out.println("eks-2 is deleted (DeleteCluster):");
        drive.deleteFromEks("eks-2");
        String event = drive.event("delete-cluster.json", "eks-2");
        expect.status("eks-2", drive.startByEvent(event, "eks-2"), ExecutionStatus.SUCCEEDED);
        expect.that(!Summary.remoteSecrets(cluster("eks-1")).contains("eks-2"),
                "eks-1 no longer holds eks-2's remote secret");
        expect.noSecretsInState(); // the offboarding's state too: execution logging includes it
    }
}
