package meshonboarder.local.scenario;

import java.util.List;

/**
 * eks-3 (IPv4) and eks-2 (IPv6) pass GatherNetwork before either is recorded, and eks-3 rechecks before eks-2 is
 * recorded (forced, {@link HeldRegistration}): eks-3 onboards with an ipv4 gateway, and only eks-2's RecheckNetwork
 * can see that the mesh became mixed. Its onboarding runs again from GatherNetwork and switches eks-3's gateway
 * to dualstack before it lists its peers, with no ReconcileMesh run.
 */
final class ConcurrentScenario extends Scenario {

    ConcurrentScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.joinByHand("eks-1");
        drive.createInEks("eks-2");
        drive.createInEks("eks-3");
        out.println("eks-2 and eks-3 are created at the same moment:");
        out.println("  (the runner holds both RegisterMember calls until both clusters passed GatherNetwork, and eks-2's"
                + " until eks-3 has rechecked its network)");
        try (HeldRegistration held = HeldRegistration.hold(controller.lambda(), "eks-3", "eks-2", Drivers.LIMIT)) {
            drive.onboardAtOnce(List.of("eks-2", "eks-3"), Drivers.LIMIT);
            expect.that(held.missed().isEmpty(), "the race was forced (let go by the limit: " + held.missed() + ")");
            expect.that(held.gathers().getOrDefault("eks-2", 0) == 4, "eks-2 gathered, rechecked, gathered again and"
                    + " rechecked its network (its network was read " + held.gathers().get("eks-2") + " times)");
        }
        expect.fullMesh("eks-1", "eks-2", "eks-3");
        expect.gateways("dualstack", "eks-1", "eks-2", "eks-3");
        expect.consistentReadsOnly();
        int reconciles = controller.executionCount(Drivers.RECONCILE);
        expect.that(reconciles == 0, "no ReconcileMesh ran (found " + reconciles + ")");
    }
}
