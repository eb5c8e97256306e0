package meshonboarder.local.scenario;

/** eks-1 (IPv4) is in mesh1; eks-2 (IPv6) is created with the mesh tag; both VPCs dual-stack: meshed in one go. */
final class DualStackScenario extends Scenario {

    DualStackScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.meshOfTwo();
        expect.fullMesh("eks-1", "eks-2");
        expect.gateways("dualstack", "eks-1", "eks-2");
        drive.onboardAgainChangesNothing("eks-2", "eks-1", "eks-2");
        expect.noSecretsInState();
    }
}
