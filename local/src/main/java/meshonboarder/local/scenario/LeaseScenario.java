package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import meshonboarder.aws.DynamoMeshLeases;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.reconcile.Lease;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * One ReconcileMesh run per mesh (issue 25, item 2). A mesh of three gets a new IstioVersion, so a run has a rollout
 * to do; two runs started together: one does the work, the other ends {@code ALREADY_RUNNING} having written nothing.
 * Then again with the second started while the first waits for a slow istiod (eks-1's new pods held back). Across
 * every run, no two members are ever upgrading at once. Last, a run that stopped without releasing its lease keeps
 * the mesh until the lease expires; then the next run takes it.
 */
final class LeaseScenario extends Scenario {

    private static final String MESH_ID = "mesh1";
    private static final String[] MESH = {"eks-1", "eks-2", "eks-3"};
    /** The Task states a run that found the mesh held may enter: the plan, discovery, the lease and the event. */
    private static final Set<String> ALREADY_RUNNING_TASKS = Set.of("PlanReconcile", "DiscoverClusters", "AcquireLease",
            "PublishReport");

    private final List<String> runs = new ArrayList<>();

    LeaseScenario(Stage stage) {
        super(stage);
    }

    @Override
    void play() {
        drive.meshOfThree();
        expect.fullMesh(MESH);

        out.println("IstioVersion " + IstioDrift.ISTIO_VERSION + " -> " + IstioDrift.NEXT_ISTIO_VERSION
                + " (a stack update); two ReconcileMesh runs are started together for mesh1:");
        controller.updateParameters(Map.of("IstioVersion", IstioDrift.NEXT_ISTIO_VERSION));
        String first = start();
        String second = start();
        oneWorksOneLeaves(followTogether(first, second));

        out.println("IstioVersion -> " + IstioDrift.PATCH_ISTIO_VERSION + " while eks-1's new istiod pods are slow to"
                + " come; a second run starts while the first waits for them:");
        stage.cluster("eks-1").stallRollouts(true);
        controller.updateParameters(Map.of("IstioVersion", IstioDrift.PATCH_ISTIO_VERSION));
        String waiting = start();
        expect.that(controller.awaitEntered(waiting, "PauseForIstio", Drivers.LIMIT),
                "the first run waits for eks-1's istiod (PauseForIstio)");
        DescribeExecutionResponse late = drive.follow("mesh1", start(), Drivers.LIMIT);
        leftAlone(late, waiting);
        expect.that(controller.describe(waiting).status() == ExecutionStatus.RUNNING,
                "the first run is still waiting for eks-1 when the second has ended");
        out.println("eks-1's pods come: the first run goes on");
        stage.cluster("eks-1").stallRollouts(false);
        DescribeExecutionResponse done = drive.follow("mesh1", waiting, Drivers.LIMIT);
        expect.status("ReconcileMesh", done, ExecutionStatus.SUCCEEDED);
        expect.outcome(done, "REPAIRED");
        expect.fullMesh(MESH);

        expect.that(mostUpgradingAtOnce() == 1, "across the " + runs.size() + " runs, no two members were upgrading"
                + " at once (at most " + mostUpgradingAtOnce() + ")");
        expect.that(leases().find(MESH_ID).isEmpty(), "every run released the lease it took");

        stoppedHolder();
        expect.noSecretsInState();
    }

    /**
     * A run whose execution stopped (by hand, or a time-out) never reached ReleaseLease: its lease item stays as it
     * left it. The next run finds it held; once its term has passed (the item's expiry moved back two hours, as the
     * clock would) the next run takes it.
     */
    private void stoppedHolder() {
        String stopped = "arn:aws:states:" + LocalController.REGION + ":" + LocalController.ACCOUNT
                + ":execution:ReconcileMesh:stopped-by-hand";
        Instant now = Instant.now();
        out.println("a run stopped by hand holds mesh1's lease (it never released it):");
        expect.that(leases().take(new Lease(MESH_ID, stopped, now.plus(Lease.TERM)), now),
                "the stopped run's lease is in the table");
        leftAlone(drive.reconcile(Drivers.MESH1), stopped);

        out.println("two hours pass (the stopped run's lease expires); the next run takes it:");
        leases().take(new Lease(MESH_ID, stopped, now.minusSeconds(1)), now);
        DescribeExecutionResponse next = drive.reconcile(Drivers.MESH1);
        expect.outcome(next, "HEALTHY");
        expect.that(leases().find(MESH_ID).isEmpty(), "the next run took the expired lease and released it");
    }

    private String start() {
        String arn = stage.start(Drivers.RECONCILE, Drivers.MESH1);
        runs.add(arn);
        return arn;
    }

    /** Both runs followed side by side (a follow is mostly waiting), in the order given. */
    private List<DescribeExecutionResponse> followTogether(String... arns) {
        List<CompletableFuture<DescribeExecutionResponse>> following = new ArrayList<>();
        for (String arn : arns) {
            following.add(CompletableFuture.supplyAsync(() -> drive.follow("mesh1", arn, Drivers.LIMIT)));
        }
        return following.stream().map(CompletableFuture::join).toList();
    }

    /** Of runs started together, exactly one reconciled the mesh and every other left it to that one. */
    private void oneWorksOneLeaves(List<DescribeExecutionResponse> together) {
        List<DescribeExecutionResponse> worked = together.stream()
                .filter(r -> !"ALREADY_RUNNING".equals(report(r).path("outcome").asText())).toList();
        expect.that(worked.size() == 1, "exactly one of the runs started together did the work (" + worked.size() + ")");
        if (worked.size() != 1) {
            return;
        }
        expect.status("ReconcileMesh", worked.get(0), ExecutionStatus.SUCCEEDED);
        expect.outcome(worked.get(0), "REPAIRED");
        for (String member : MESH) {
            expect.that(worked.get(0).output().contains("Istio of " + member + " (istio-base "
                    + IstioDrift.ISTIO_VERSION + " -> " + IstioDrift.NEXT_ISTIO_VERSION), "the run upgraded " + member);
        }
        together.stream().filter(r -> r != worked.get(0)).forEach(r -> leftAlone(r, worked.get(0).executionArn()));
        expect.fullMesh(MESH);
    }

    /**
     * The run found the mesh held by {@code holder}: it succeeded, reported ALREADY_RUNNING naming the holder (in its
     * output and its Mesh Reconciled event), and called no step beyond the plan, discovery and the lease.
     */
    private void leftAlone(DescribeExecutionResponse run, String holder) {
        expect.status("ReconcileMesh (second)", run, ExecutionStatus.SUCCEEDED);
        expect.outcome(run, "ALREADY_RUNNING");
        JsonNode report = report(run);
        expect.that(holder.equals(report.path("holder").asText()), "the report names the run that holds the mesh ("
                + report.path("holder").asText() + ")");
        Set<String> tasks = tasksEntered(run.executionArn());
        expect.that(ALREADY_RUNNING_TASKS.containsAll(tasks) && tasks.contains("PublishReport"),
                "the run that left the mesh called only " + ALREADY_RUNNING_TASKS + " (called " + tasks + ")");
        expect.that(!controller.stateText(run.executionArn()).contains("publishError"),
                "the run put its Mesh Reconciled event on the bus");
    }

    /**
     * The most members upgrading at one moment, over every run: a member upgrades from its run entering InstallIstio
     * for it until that run enters MemberUpgraded or UpgradeStopped for it.
     */
    private int mostUpgradingAtOnce() {
        List<Map.Entry<HistoryEvent, String>> events = new ArrayList<>();
        for (String run : runs) {
            for (HistoryEvent e : controller.history(run)) {
                if (e.stateEnteredEventDetails() != null && List.of(IstioDrift.UPGRADE_STATE, "MemberUpgraded",
                        "UpgradeStopped").contains(e.stateEnteredEventDetails().name())) {
                    events.add(Map.entry(e, run + " " + member(e.stateEnteredEventDetails().input())));
                }
            }
        }
        events.sort(Comparator.comparing(e -> e.getKey().timestamp()));
        Set<String> upgrading = new HashSet<>();
        int most = 0;
        for (var e : events) {
            if (IstioDrift.UPGRADE_STATE.equals(e.getKey().stateEnteredEventDetails().name())) {
                upgrading.add(e.getValue());
            } else {
                upgrading.remove(e.getValue());
            }
            most = Math.max(most, upgrading.size());
        }
        return most;
    }

    /** The member a rollout item's state input is about: {@code cluster.clusterName}. */
    private static String member(String input) {
        try {
            return Json.MAPPER.readTree(input).path("cluster").path("clusterName").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> tasksEntered(String executionArn) {
        Set<String> tasks = new TreeSet<>();
        for (HistoryEvent e : controller.history(executionArn)) {
            if (e.typeAsString().equals("TaskStateEntered")) {
                tasks.add(e.stateEnteredEventDetails().name());
            }
        }
        return tasks;
    }

    private static JsonNode report(DescribeExecutionResponse run) {
        try {
            return run.output() == null ? Json.MAPPER.nullNode()
                    : Json.MAPPER.readTree(run.output()).path("meshes").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DynamoMeshLeases leases() {
        return new DynamoMeshLeases(controller.aws().dynamoDb(), controller.template().tableName("MeshTable"));
    }
}
