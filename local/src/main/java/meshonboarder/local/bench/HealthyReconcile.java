package meshonboarder.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import meshonboarder.cluster.Cluster;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.local.LocalRunner;
import meshonboarder.local.scenario.Catalogue;
import meshonboarder.local.scenario.ReconcileWrites;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.CheckIstioService;
import meshonboarder.reconcile.ReconcileBounds;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The reconcile of a healthy mesh of {@code members}: members put in place as {@link FanOut} does (EKS cluster,
 * membership record, stand-in cluster) beside {@link #OUTSIDERS} untagged clusters, Istio on all but a rollout's batch
 * of them, a first ReconcileMesh run that makes the mesh whole (CAs, reader tokens, every pair's remote secrets, Istio
 * on the rest), then the measured run, which must find it HEALTHY and write nothing. Counts what the measured run
 * did: Lambda invocations, the functions' AWS calls, Kubernetes calls on every stand-in cluster.
 */
final class HealthyReconcile {

    private static final Duration LIMIT = Duration.ofMinutes(90);
    /** Clusters in the account that are in no mesh: what each run's discovery describes besides the members. */
    static final int OUTSIDERS = 5;

    /**
     * @param seconds    the measured execution's start to stop
     * @param kubernetes Kubernetes calls by method, over every member
     * @param writes     AWS and Kubernetes calls that change something (must be none)
     * @param repair     the first run, which repairs every pair of the seeded mesh: what it weighs against the quotas
     * @param repairOutcome its outcome (REPAIRED)
     * @param repairSeconds its start to stop
     * @param discoveryDescribed DescribeCluster calls of the measured run's DiscoverClusters, as its output counts them
     */
    record Result(int members, String outcome, double seconds, long invocations, Map<String, Long> aws,
                  Map<String, Long> kubernetes, List<String> writes, LocalController.Footprint repair,
                  String repairOutcome, double repairSeconds, int discoveryDescribed, List<String> problems) {

        long awsCalls() {
            return aws.values().stream().mapToLong(Long::longValue).sum();
        }

        long kubernetesCalls() {
            return kubernetes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private HealthyReconcile() {
    }

    static Result run(Path root, int size) throws IOException, InterruptedException {
        Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
        Map<String, String> parameters = new HashMap<>(Catalogue.SEED.parameters());
        parameters.put("CaKeyAlgorithm", "ECDSA_P256"); // the first run issues an intermediate per member
        try (LocalController controller = LocalController.start(root, parameters, LocalRunner.environment(),
                clusters::get)) {
            List<String> names = FanOut.members(controller, "member", size, clusters, false);
            FanOut.outsiders(controller, OUTSIDERS);
            installIstio(controller, names.subList(0, Math.max(0, size - ReconcileBounds.UPGRADES_PER_RUN)));
            clusters.values().forEach(SimulatedCluster::refreshTokens);
            List<String> problems = new ArrayList<>();
            String input = "{\"meshId\": \"" + FanOut.MESH + "\"}";
            String firstArn = controller.start("ReconcileMeshStateMachine", input);
            DescribeExecutionResponse first = controller.await(firstArn, LIMIT);
            LocalController.Footprint repair = controller.footprint(firstArn);
            if (repair.largestBytes() > LocalController.Footprint.MAX_STATE_BYTES
                    || repair.events() > LocalController.Footprint.MAX_EVENTS) {
                problems.add("the first run is over a Step Functions quota: " + repair);
            }
            if (!"REPAIRED".equals(outcome(first))) {
                problems.add("the first run, which makes the mesh whole, reported " + outcome(first) + why(first));
            }

            Map<String, Long> awsBefore = controller.lambda().calls();
            Map<String, Map<String, Long>> kubernetesBefore = new HashMap<>();
            clusters.forEach((name, c) -> kubernetesBefore.put(name, c.apiRequests()));
            String runArn = controller.start("ReconcileMeshStateMachine", input);
            DescribeExecutionResponse run = controller.await(runArn, LIMIT);
            Map<String, Long> calls = FanOut.minus(controller.lambda().calls(), awsBefore);
            Map<String, Long> kubernetes = new TreeMap<>();
            clusters.forEach((name, c) -> FanOut.minus(c.apiRequests(), kubernetesBefore.getOrDefault(name, Map.of()))
                    .forEach((method, n) -> kubernetes.merge(method, n, Long::sum)));

            Map<String, Long> aws = new TreeMap<>();
            long invocations = 0;
            List<String> writes = new ArrayList<>();
            for (var call : calls.entrySet()) {
                String service = call.getKey().substring(0, call.getKey().indexOf(' '));
                if (service.equals("lambda")) {
                    invocations += call.getValue();
                } else if (!service.equals("states")) { // the runner's own start and polling
                    aws.put(call.getKey(), call.getValue());
                }
                if (ReconcileWrites.isWrite(call.getKey())) {
                    writes.add(call.getKey() + " " + call.getValue());
                }
            }
            kubernetes.forEach((method, n) -> {
                if (!SimulatedCluster.isRead(method)) {
                    writes.add("Kubernetes " + method + " " + n);
                }
            });
            String outcome = outcome(run);
            if (run.status() != ExecutionStatus.SUCCEEDED || !"HEALTHY".equals(outcome)) {
                problems.add("the measured run ended " + run.status() + " " + outcome + why(run));
            }
            double seconds = seconds(run);
            return new Result(size, outcome, seconds, invocations, aws, kubernetes, writes, repair, outcome(first),
                    seconds(first), discoveryDescribed(controller.history(runArn)), problems);
        } finally {
            ExecutorService closing = Executors.newFixedThreadPool(4);
            clusters.values().forEach(c -> closing.submit(c::close));
            closing.shutdown();
            closing.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /**
     * Istio on {@code names} as their onboarding left it: the InstallIstio function on each, with the cluster a
     * rollout gives it (a mesh of one family: no network facts). The first run then finds these members' releases as it would install
     * them and installs Istio on the others only, at most a rollout's batch ({@link ReconcileBounds#UPGRADES_PER_RUN}),
     * so that the measured run follows it at once instead of after the runs that would finish a larger rollout.
     */
    private static void installIstio(LocalController controller, List<String> names) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI invoke = URI.create(controller.lambda().endpoint() + "/2015-03-31/functions/InstallIstioFunction/invocations");
        Map<String, Member> members = new HashMap<>();
        controller.members().list(FanOut.MESH).forEach(m -> members.put(m.clusterName(), m));
        FanOut.eachOf(names, "could not install Istio on the members", name -> {
            Cluster cluster = CheckIstioService.asCluster(members.get(name));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(invoke).POST(HttpRequest.BodyPublishers
                    .ofString(Json.MAPPER.writeValueAsString(Map.of("cluster", cluster)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
                throw new IllegalStateException("InstallIstio on " + name + " failed: " + response.body());
            }
        });
    }

    /** The {@code described} count of the DiscoverClusters state's output, or -1 when the state did not end. */
    private static int discoveryDescribed(List<HistoryEvent> history) throws IOException {
        for (HistoryEvent event : history) {
            if (event.stateExitedEventDetails() != null
                    && "DiscoverClusters".equals(event.stateExitedEventDetails().name())) {
                return Json.MAPPER.readTree(event.stateExitedEventDetails().output())
                        .path("discovery").path("described").asInt(-1);
            }
        }
        return -1;
    }

    /** What the run's report says is wrong: its error, or its first sentences still broken. */
    private static String why(DescribeExecutionResponse execution) {
        try {
            var mesh = Json.MAPPER.readTree(execution.output() == null ? "{}" : execution.output()).path("meshes").path(0);
            String error = mesh.path("error").isMissingNode() ? "" : " " + mesh.path("error");
            List<String> broken = new ArrayList<>();
            mesh.path("stillBroken").forEach(b -> broken.add(b.asText()));
            return error + (broken.isEmpty() ? "" : " " + broken.subList(0, Math.min(3, broken.size())));
        } catch (IOException e) {
            return "";
        }
    }

    private static double seconds(DescribeExecutionResponse execution) {
        return execution.stopDate() == null ? Double.NaN
                : Duration.between(execution.startDate(), execution.stopDate()).toMillis() / 1000.0;
    }

    private static String outcome(DescribeExecutionResponse execution) {
        if (execution.status() != ExecutionStatus.SUCCEEDED || execution.output() == null) {
            return String.valueOf(execution.status()) + (execution.error() == null ? "" : " " + execution.error());
        }
        try {
            return Json.MAPPER.readTree(execution.output()).path("meshes").path(0).path("outcome").asText();
        } catch (IOException e) {
            return "unreadable output";
        }
    }
}
