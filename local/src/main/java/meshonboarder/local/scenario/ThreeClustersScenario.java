package meshonboarder.local.scenario;

/** eks-1 in mesh1, then eks-2 (IPv6) and eks-3 (IPv4) join one after the other: a full mesh of three. */
final class ThreeClustersScenario extends Scenario {

    ThreeClustersScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.meshOfThree();
        expect.fullMesh("eks-1", "eks-2", "eks-3");
        expect.gateways("dualstack", "eks-1", "eks-2", "eks-3");
    }
}
