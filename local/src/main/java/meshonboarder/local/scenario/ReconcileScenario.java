package meshonboarder.local.scenario;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.local.LocalController;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A mesh of three set up once, eks-2 and eks-3 each while a peer is lost ({@link PeerOutage}); then each fault:
 * inject it, run one reconcile, check the whole mesh again. A healthy mesh's run (by hand, and as the schedule starts
 * it) must write nothing. Last, members leave: by losing the mesh tag, and by being deleted without the event.
 */
final class ReconcileScenario extends Scenario {

    private static final String[] MESH = {"eks-1", "eks-2", "eks-3"};

    private final Faults faults = new Faults(stage);

    ReconcileScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        PeerOutage outages = new PeerOutage(stage, drive, expect);
        drive.joinByHand("eks-1");
        outages.joinWhilePeerDown("eks-2", PeerOutage.OFF_NETWORK, "eks-1");
        outages.joinWhilePeerDown("eks-3", PeerOutage.REFUSES, "eks-2", "eks-1");
        expect.fullMesh(MESH);

        out.println("ReconcileMesh on a healthy mesh (by hand): it must write nothing");
        expect.noWrites(() -> expect.outcome(drive.reconcile(Drivers.MESH1), "HEALTHY"), MESH);

        drive.fault("eks-1 loses its remote secret of eks-2", () -> faults.deleteSecret("eks-1", "istio-remote-secret-eks-2"),
                "remote secret of eks-2 rewritten (MISSING in eks-1)", MESH);
        drive.fault("eks-3's reader token Secret is deleted (its API server revokes the token)", () -> {
            faults.deleteSecret("eks-3", ReaderObjects.TOKEN_SECRET);
            cluster("eks-3").refreshTokens();
        }, "remote secret of eks-3 rewritten (NO_READER_TOKEN in every other member)", MESH);

        drive.fault("eks-2's istiod runs as 1.30.0-1.30.3 and its remote secret of eks-1 is applied again: the secret is "
                + "right, but that istiod keeps eks-1 stale (istio/istio#61043)", () -> faults.staleAfterRewrite("eks-2", "eks-1"),
                "restarted istiod in eks-2: it now reports every member synced", MESH);
        cluster("eks-2").istiod().staleAfterUpdate(false);
        istiodFaultsReported();

        drive.fault("eks-2's intermediate CA is inside its renewal window (10 days left)",
                () -> faults.shortLivedIntermediate("eks-2"), "intermediate CA of eks-2 re-issued", MESH);
        expect.that(Summary.caNotAfter(cluster("eks-2")).isAfter(Instant.now().plus(Duration.ofDays(600))),
                "eks-2's cacerts holds the re-issued intermediate (" + Summary.caNotAfter(cluster("eks-2")) + ")");

        drive.fault("someone resets eks-2's VPC CNI egress (ENABLE_V4_EGRESS=false on aws-node)",
                () -> faults.setAwsNodeVariable("eks-2", "ENABLE_V4_EGRESS", "false"),
                "CNI egress of eks-2 put back (ENABLE_V4_EGRESS=true", MESH);
        expect.that("true".equals(faults.awsNodeVariable("eks-2", "ENABLE_V4_EGRESS")),
                "eks-2's aws-node has ENABLE_V4_EGRESS=true again");
        expect.that(faults.awaitAwsNodeRollout("eks-2"), "eks-2's aws-node rolled out within 30 s");

        drive.fault("the stack is deployed again: ClusterAccessRole is a new role with the same ARN", () -> {
            controller.recreateClusterAccessRole();
            expect.that(!controller.lambda().eksFront().admits("eks-1"),
                    "eks-1's API server refuses the controller while its access entry names the old role");
        }, "access entry of eks-1 re-created", MESH);
        for (String member : MESH) {
            expect.that(controller.lambda().eksFront().admits(member),
                    member + "'s access entry lets the controller in again");
        }

        new ReaderTokenRotation(stage, drive, expect).rotate(MESH);

        out.println("ReconcileMesh as the schedule starts it (every mesh): the mesh is whole again, nothing is written");
        expect.noWrites(() -> expect.outcome(drive.scheduledReconcile(), "HEALTHY"), MESH);

        new IstioDrift(stage, drive, expect).repairEach();

        out.println("the mesh tag is removed from eks-3 (UntagResource event):");
        expect.outcome(untagMesh("eks-3"), "REPAIRED");
        expect.fullMesh("eks-1", "eks-2");
        expect.left("eks-3", "eks-1", "eks-2");
        expect.that(Summary.remoteSecrets(cluster("eks-3")).isEmpty(), "eks-3 holds no remote secret any more");
        expect.that(!Summary.releases(cluster("eks-3")).isEmpty(), "Istio stays installed on eks-3");
        removeIstioOnLeave();

        out.println("eks-2 is deleted while the controller misses its DeleteCluster event:");
        drive.deleteFromEks("eks-2");
        expect.outcome(drive.reconcile(Drivers.MESH1), "REPAIRED");
        expect.left("eks-2", "eks-1");
        expect.noSecretsInState();
    }

    /**
     * The two istiod faults a reconcile cannot mend, reported as such: a holder whose istiod cannot reach a subject
     * that the controller reaches (its restart does not help, so the pair stays NOT_SYNCED and the run DEGRADED), and
     * an istiod before the gauge (an unknown view: a warning, never a broken pair). Each fault is lifted after.
     */
    private void istiodFaultsReported() {
        out.println("fault: eks-1's istiod cannot reach eks-3's API server, which the controller still reaches");
        cluster("eks-1").istiod().unreachable("eks-3", true);
        DescribeExecutionResponse cut = drive.reconcile(Drivers.MESH1);
        expect.outcome(cut, "DEGRADED");
        expect.repaired(cut, "eks-1 holds eks-3: NOT_SYNCED (its istiod says timeout, after a restart)");
        cluster("eks-1").istiod().unreachable("eks-3", false);
        expect.fullMesh(MESH);

        out.println("fault: eks-2's istiod predates the sync gauge (before Istio 1.29)");
        cluster("eks-2").istiod().withoutGauge(true);
        DescribeExecutionResponse old = drive.reconcile(Drivers.MESH1);
        expect.outcome(old, "HEALTHY");
        expect.repaired(old, "the istiod view of eks-2 is unknown");
        cluster("eks-2").istiod().withoutGauge(false);
    }

    /**
     * RemoveIstioOnLeave=true (a stack update): eks-3 joins again, loses its mesh tag again, and this time leaves
     * without mesh-onboarder's Istio: no Helm release, no cross-network Gateway, no cacerts.
     */
    private void removeIstioOnLeave() {
        out.println("eks-3 gets its mesh tag back and joins again (manual input):");
        controller.aws().eks(LocalController.REGION).tagResource(r -> r.resourceArn(clusterArn("eks-3"))
                .tags(Map.of("istio-mesh", "mesh1")));
        expect.status("eks-3 (again)", drive.onboardByHand("eks-3"), ExecutionStatus.SUCCEEDED);
        expect.fullMesh(MESH);

        out.println("RemoveIstioOnLeave=true (a stack update); the mesh tag is removed from eks-3 again:");
        controller.updateParameters(Map.of("RemoveIstioOnLeave", "true"));
        DescribeExecutionResponse untagged = untagMesh("eks-3");
        expect.outcome(untagged, "REPAIRED");
        expect.that(untagged.output().contains("mesh-onboarder's Istio removed from eks-3"),
                "the report lists Istio removed from eks-3");
        expect.left("eks-3", "eks-1", "eks-2");
        KubernetesClient client = cluster("eks-3").client();
        expect.that(Summary.releases(cluster("eks-3")).isEmpty(), "no Istio release left on eks-3");
        expect.that(client.secrets().inNamespace("istio-system").withName("cacerts").get() == null,
                "no cacerts left on eks-3");
        expect.that(client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace("istio-system")
                .withName("cross-network-gateway").get() == null, "no cross-network Gateway left on eks-3");
        expect.fullMesh("eks-1", "eks-2");
    }

    /** Removes the mesh tag from the cluster, and its UntagResource event starts ReconcileMesh, which must succeed. */
    private DescribeExecutionResponse untagMesh(String cluster) {
        controller.aws().eks(LocalController.REGION).untagResource(r -> r.resourceArn(clusterArn(cluster))
                .tagKeys("istio-mesh"));
        String untag = drive.event("untag-resource-mesh.json", cluster).replace("cluster/eks-1", "cluster/" + cluster);
        DescribeExecutionResponse untagged = drive.startByEvent(untag, cluster);
        expect.status(cluster + " (untag)", untagged, ExecutionStatus.SUCCEEDED);
        return untagged;
    }

    private static String clusterArn(String cluster) {
        return "arn:aws:eks:" + LocalController.REGION + ":" + LocalController.ACCOUNT + ":cluster/" + cluster;
    }
}
