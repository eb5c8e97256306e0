package meshonboarder.local.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.aws.EcrCredentials;
import meshonboarder.helm.ChartSources;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.istio.ChartRepository;
import meshonboarder.istio.GatewayFollower;
import meshonboarder.kubernetes.Kubeconfig;
import meshonboarder.kubernetes.istio.KubernetesIstioReleases;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.network.GatewayAddressType;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;

/**
 * Istio drift, repaired by ReconcileMesh. An east-west gateway left {@code ipv4} in a mixed mesh (switched back by
 * hand; concurrent onboardings converge by themselves, see the concurrent scenario) is switched to dualstack.
 * {@code IstioVersion} bumped one minor (a stack update) upgrades every member in one reconcile, one after the other,
 * each ready before the next starts; a patch whose rollout stalls on one member stops there; bumped two minors, it is
 * refused and nothing is written.
 */
final class IstioDrift {

    /** The template's IstioVersion, the next minor the scenario upgrades to, and the patch after it. */
    static final String ISTIO_VERSION = "1.30.4";
    static final String NEXT_ISTIO_VERSION = "1.31.0";
    static final String PATCH_ISTIO_VERSION = "1.31.1";

    /** ReconcileMesh's Task that upgrades one member's Istio, and the state entered once that member is ready. */
    static final String UPGRADE_STATE = "InstallIstio";
    private static final String UPGRADED_STATE = "MemberUpgraded";

    private static final String[] MESH = {"eks-1", "eks-2", "eks-3"};

    private final Stage stage;
    private final LocalController controller;
    private final PrintStream out;
    private final Drivers drive;
    private final Expectations expect;

    IstioDrift(Stage stage, Drivers drive, Expectations expect) {
        this.stage = stage;
        this.controller = stage.controller();
        this.out = stage.out();
        this.drive = drive;
        this.expect = expect;
    }

    void repairEach() {
        drive.fault("eks-3's east-west gateway is switched back to ipv4 by hand",
                () -> gatewayAddressType("eks-3", GatewayAddressType.IPV4),
                "istio-eastwestgateway NLB ipv4 -> dualstack", MESH);
        expect.gateways("dualstack", MESH);

        out.println("fault: IstioVersion " + ISTIO_VERSION + " -> " + NEXT_ISTIO_VERSION
                + " (a stack update); one reconcile upgrades every member, one at a time");
        controller.updateParameters(Map.of("IstioVersion", NEXT_ISTIO_VERSION));
        DescribeExecutionResponse upgrade = drive.reconcile(Drivers.MESH1);
        expect.outcome(upgrade, "REPAIRED");
        for (String member : MESH) {
            expect.that(upgrade.output().contains("Istio of " + member + " (istio-base " + ISTIO_VERSION + " -> "
                    + NEXT_ISTIO_VERSION), "the report names the upgrade of " + member);
            Map<String, String> versions = istioVersions(member);
            expect.that(versions.values().stream().allMatch(NEXT_ISTIO_VERSION::equals),
                    member + "'s releases run " + NEXT_ISTIO_VERSION + " (" + versions + ")");
        }
        List<String> rollout = rolloutOrder(upgrade.executionArn());
        expect.that(rollout.equals(List.of("upgrade eks-1", "ready eks-1", "upgrade eks-2", "ready eks-2",
                "upgrade eks-3", "ready eks-3")), "the members were upgraded one at a time, each ready before the next ("
                + rollout + ")");
        expect.fullMesh(MESH);

        stoppedRollout();

        String skipped = "1.33.0";
        out.println("fault: IstioVersion " + PATCH_ISTIO_VERSION + " -> " + skipped
                + " skips a minor: refused, nothing written");
        controller.updateParameters(Map.of("IstioVersion", skipped));
        expect.noWrites(() -> {
            DescribeExecutionResponse refused = drive.reconcile(Drivers.MESH1);
            expect.outcome(refused, "DEGRADED");
            expect.that(refused.output().contains("meshonboarder.errors.IstioMinorSkipped")
                    && refused.output().contains("Upgrade through 1.32 first"), "the report names the refusal and its fix");
        }, MESH);
        controller.updateParameters(Map.of("IstioVersion", PATCH_ISTIO_VERSION));
    }

    /**
     * A patch release whose rollout never finishes on eks-2 (its new istiod pods never come, with a readiness limit of
     * a few seconds): eks-1 is upgraded, the rollout stops at eks-2, eks-3 is not touched. Once eks-2 rolls out, the
     * next run upgrades eks-3.
     */
    private void stoppedRollout() {
        String patch = PATCH_ISTIO_VERSION;
        out.println("fault: IstioVersion -> " + patch + " while eks-2's new istiod pods never come: the rollout stops there");
        stage.cluster("eks-2").stallRollouts(true);
        controller.updateParameters(Map.of("IstioVersion", patch, "IstioReadyTimeoutSeconds", "4"));
        DescribeExecutionResponse stopped = drive.reconcile(Drivers.MESH1);
        expect.outcome(stopped, "DEGRADED");
        expect.that(stopped.output().contains("Istio of eks-1 (") && stopped.output().contains("upgraded to " + patch),
                "the report names eks-1's upgrade");
        expect.that(stopped.output().contains("not upgraded: the rollout stopped here, meshonboarder.errors.WaitTimedOut"),
                "the report names the member the rollout stopped at, with its error");
        expect.that(stopped.output().contains("not upgraded: the rollout stopped at eks-2 before it"),
                "the report names eks-3 as not reached");
        expect.that(istioVersions("eks-1").get("istiod").equals(patch), "eks-1's istiod runs " + patch);
        expect.that(istioVersions("eks-3").get("istiod").equals(NEXT_ISTIO_VERSION),
                "eks-3 was not touched (" + istioVersions("eks-3") + ")");
        expect.that(rolloutOrder(stopped.executionArn()).equals(List.of("upgrade eks-1", "ready eks-1", "upgrade eks-2")),
                "the rollout ended at eks-2 (" + rolloutOrder(stopped.executionArn()) + ")");

        out.println("eks-2's pods come: the next run goes on with eks-3");
        stage.cluster("eks-2").stallRollouts(false);
        controller.updateParameters(Map.of("IstioReadyTimeoutSeconds", "360"));
        DescribeExecutionResponse resumed = drive.reconcile(Drivers.MESH1);
        expect.outcome(resumed, "REPAIRED");
        expect.that(rolloutOrder(resumed.executionArn()).equals(List.of("upgrade eks-3", "ready eks-3")),
                "the next run upgrades eks-3 only (" + rolloutOrder(resumed.executionArn()) + ")");
        expect.fullMesh(MESH);
    }

    /** The member's Istio releases and their chart versions, from Helm's release Secrets. */
    private Map<String, String> istioVersions(String cluster) {
        Map<String, String> versions = new TreeMap<>();
        KubernetesIstioReleases.read(stage.cluster(cluster).client(), cluster)
                .forEach((release, deployed) -> versions.put(release, deployed.chart().version()));
        return versions;
    }

    /** "upgrade eks-1", "ready eks-1", ...: the rollout's members as the history shows them entering and leaving. */
    private List<String> rolloutOrder(String executionArn) {
        List<String> order = new ArrayList<>();
        for (HistoryEvent event : controller.history(executionArn)) {
            StateEnteredEventDetails entered = event.stateEnteredEventDetails();
            if (entered != null && List.of(UPGRADE_STATE, UPGRADED_STATE).contains(entered.name())) {
                try {
                    String member = Json.MAPPER.readTree(entered.input()).path("cluster").path("clusterName").asText();
                    order.add((UPGRADE_STATE.equals(entered.name()) ? "upgrade " : "ready ") + member);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return order;
    }

    /**
     * Switches the member's east-west gateway to this address type with Helm, as an onboarding that saw a different
     * mesh would have left it (the same follower the onboarding uses for its peers).
     */
    private void gatewayAddressType(String cluster, GatewayAddressType type) {
        ChartRepository repository = ChartRepository.of("IstioChartRepository",
                controller.template().parameters().get("IstioChartRepository"));
        HelmJavaAccess helm = new HelmJavaAccess(ChartSources.of(repository, new EcrCredentials(controller.aws())));
        KubernetesClient client = stage.cluster(cluster).client();
        GatewayFollower.follow(helm.connect(client.getConfiguration().getMasterUrl(),
                () -> Kubeconfig.of(client.getConfiguration())), type, "mesh1/" + cluster);
    }
}
