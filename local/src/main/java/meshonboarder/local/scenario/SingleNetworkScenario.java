package meshonboarder.local.scenario;

/** As dual-stack, on a single network: eks-1 (IPv4) gets ENABLE_V6_EGRESS, since its pods reach IPv6 pods directly. */
final class SingleNetworkScenario extends Scenario {

    SingleNetworkScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.meshOfTwo();
        expect.fullMesh("eks-1", "eks-2");
        expect.noSecretsInState();
        expect.that(Summary.cniEgress(cluster("eks-1")).contains("ENABLE_V6_EGRESS=true"),
                "eks-1 (IPv4) has ENABLE_V6_EGRESS=true on a single network with an IPv6 member");
    }
}
