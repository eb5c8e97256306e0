package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.SyncStatus;
import meshonboarder.json.Json;
import meshonboarder.kubernetes.istio.KubernetesIstiodViews;
import meshonboarder.local.LocalController;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.mesh.Member;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The checks of a scenario's end state, shared by every scenario: each one that fails adds a sentence to
 * {@link #problems()}, which says what was expected and what was found.
 */
final class Expectations {

    /** What secret material looks like: private keys, EKS tokens, kubeconfigs. */
    private static final List<String> SECRET_MARKERS = List.of("PRIVATE KEY", "k8s-aws-v1.", "apiVersion: v1\nclusters:",
            "client-key-data");
    /** The reconciler's steps that work on a whole mesh: their log lines name the mesh, not a cluster. */
    private static final Set<String> MESH_WIDE_STEPS =
            Set.of("PlanReconcile", "DiscoverClusters", "AcquireLease", "RenewLease", "ReleaseLease", "CheckMembership",
                    "CheckRemoteSecrets", "CheckIstio", "ReportReconcile");
    /** The reconciler's steps before the meshes are known, that may cover every mesh: no meshId of their own. */
    private static final Set<String> EVERY_MESH_STEPS = Set.of("PlanReconcile", "DiscoverClusters");

    /** How long a stand-in istiod may take to sync every peer after the last secret changed. */
    private static final Duration ISTIOD_SYNC_LIMIT = Duration.ofSeconds(30);

    private final Stage stage;
    private final LocalController controller;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> meshNames = new ConcurrentHashMap<>();

    Expectations(Stage stage) {
        this.stage = stage;
        this.controller = stage.controller();
    }

    /** Every way the end state differs from the expected one, so far. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    void that(boolean condition, String what) {
        if (!condition) {
            problem(what);
        }
    }

    void problem(String what) {
        synchronized (problems) {
            problems.add(what);
        }
    }

    void status(String label, DescribeExecutionResponse execution, ExecutionStatus status) {
        that(execution != null && execution.status() == status, label + "'s execution ends " + status
                + (execution == null || execution.error() == null ? "" : " (was " + execution.status() + " "
                + execution.error() + ")"));
    }

    /**
     * The onboarding's state past RecheckNetwork keeps the gateways of {@code $.network} and none of the members'
     * VPCs and subnets (TrimNetwork): carried through the exchange, they were 106 of its largest state's 238 KiB at 200 peers.
     */
    void networkTrimmed(String label, DescribeExecutionResponse onboarding) {
        JsonNode network;
        try {
            network = Json.MAPPER.readTree(onboarding == null || onboarding.output() == null ? "{}" : onboarding.output())
                    .path("network");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        that(network.path("gateways").isTextual() && network.path("gatewayAddressType").isTextual()
                        && network.path("members").isMissingNode(),
                label + "'s onboarding ends with the gateways of $.network and no member's subnets (was " + network + ")");
    }

    /**
     * Every membership read was a consistent read: the local DynamoDB serves stale answers to any other
     * ({@code DynamoFront}), so a join that converged did not rely on luck.
     */
    void consistentReadsOnly() {
        int eventual = controller.lambda().dynamoFront().eventuallyConsistentReads();
        that(eventual == 0, "every DynamoDB read was a consistent read (" + eventual + " were not)");
    }

    /** Every named cluster holds the remote secret of every other, has cacerts, and all chain to one root. */
    void fullMesh(String... names) {
        for (String holder : names) {
            for (String other : names) {
                if (!holder.equals(other)) {
                    that(Summary.remoteSecrets(stage.cluster(holder)).contains(meshName(other)),
                            holder + " holds the remote secret of " + other);
                }
            }
            that(Summary.caChain(stage.cluster(holder)) != null, holder + " has cacerts");
        }
        // the certificates, not their subjects: two roots raced into being would share a subject
        long roots = Arrays.stream(names).map(n -> Summary.rootCertificate(stage.cluster(n)))
                .filter(Objects::nonNull).distinct().count();
        that(roots == 1, "every member chains to one mesh root (found " + roots + " root certificates)");
        istiodsSynced(names);
    }

    /**
     * Every named cluster's stand-in istiod reports every other {@code synced}, read as ReconcileMesh reads it: its
     * metrics through the API server's pod proxy, parsed by {@link IstiodView}. The stand-in looks at the remote
     * secrets on each turn of its control plane, so it may need a few turns after a secret changed: the check asks
     * again until {@link #ISTIOD_SYNC_LIMIT}, then reports what each istiod said last.
     */
    void istiodsSynced(String... names) {
        Map<String, IstiodView> views = new TreeMap<>();
        Instant deadline = Instant.now().plus(ISTIOD_SYNC_LIMIT);
        do {
            for (String holder : names) {
                if (!syncedWithAll(views.get(holder), holder, names)) {
                    views.put(holder, istiodView(holder));
                }
            }
            if (Arrays.stream(names).allMatch(h -> syncedWithAll(views.get(h), h, names))) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (Instant.now().isBefore(deadline));
        views.forEach((holder, view) -> that(syncedWithAll(view, holder, names), holder + "'s istiod reports every peer "
                + "synced (its view: " + (view.known() ? view.remotes() : "unknown, " + view.reason()) + ")"));
    }

    private boolean syncedWithAll(IstiodView view, String holder, String... names) {
        return view != null && view.known() && Arrays.stream(names).filter(n -> !n.equals(holder))
                .allMatch(n -> view.status(meshName(n)) == SyncStatus.SYNCED);
    }

    /**
     * The stand-in is known in the mesh by another name than its EKS name: a member account's cluster
     * (docs/design.md, "A name unique across accounts and regions"), which Istio and remote secrets use.
     */
    void meshName(String cluster, String meshName) {
        meshNames.put(cluster, meshName);
    }

    private String meshName(String cluster) {
        return meshNames.getOrDefault(cluster, cluster);
    }

    /** One istiod's view through a client of its own (the views port closes the clients it is given). */
    private IstiodView istiodView(String holder) {
        SimulatedCluster cluster = stage.cluster(holder);
        Member member = new Member("scenario", holder, "us-east-1", "arn:aws:eks:us-east-1:000000000000:cluster/" + holder,
                cluster.ipFamily(), holder);
        try {
            return new KubernetesIstiodViews((region, name) -> cluster.newClient()).read(member);
        } catch (RuntimeException e) {
            return IstiodView.unknown(holder, "not read: " + e.getMessage());
        }
    }

    /** Every named cluster's east-west gateway asks for this NLB address type and has its address. */
    void gateways(String addressType, String... names) {
        for (String n : names) {
            Summary.Gateway gateway = Summary.eastWest(stage.cluster(n));
            that(gateway != null && addressType.equals(gateway.addressType()), n + "'s east-west gateway is "
                    + addressType + " (was " + gateway + ")");
            that(gateway != null && gateway.address() != null, n + "'s east-west gateway has its load balancer address");
        }
    }

    /** The outcome of the reconcile run's one mesh (its output lists a report per mesh). */
    void outcome(DescribeExecutionResponse run, String outcome) {
        String actual = null;
        if (run != null && run.output() != null) {
            try {
                JsonNode meshes = Json.MAPPER.readTree(run.output()).path("meshes");
                that(meshes.size() == 1, "the run reports one mesh (" + meshes.size() + ")");
                actual = meshes.path(0).path("outcome").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        that(outcome.equals(actual), "the reconcile reports " + outcome + " (was " + actual + ")");
    }

    /** The reconcile run's report names this repair. */
    void repaired(DescribeExecutionResponse run, String repair) {
        that(run != null && run.output() != null && run.output().contains(repair),
                "the report names the repair '" + repair + "'");
    }

    /** The departed member is out of every peer, out of the membership records, and its intermediate CA retired. */
    void left(String departed, String... peers) {
        for (String peer : peers) {
            that(!Summary.remoteSecrets(stage.cluster(peer)).contains(departed), peer + " no longer holds " + departed);
        }
        var members = controller.members().list("mesh1");
        that(members.stream().noneMatch(m -> m.clusterName().equals(departed)), departed + " is no member any more");
        String ca = "istio-mesh/mesh1/clusters/" + departed + "/intermediate-ca";
        that(controller.aws().secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate() != null,
                departed + "'s intermediate CA is scheduled for deletion");
    }

    /**
     * Runs the action and checks that it wrote nothing: every object keeps its resourceVersion, the clusters' API
     * servers saw only reads, and the AWS calls wrote nothing but the run's own report (its event and metrics).
     */
    void noWrites(Runnable action, String... names) {
        Map<String, String> before = versions(names);
        Map<String, Map<String, Long>> kubeBefore = new LinkedHashMap<>();
        for (String n : names) {
            kubeBefore.put(n, stage.cluster(n).apiRequests());
        }
        Map<String, Long> awsBefore = controller.lambda().calls();
        action.run();
        that(before.equals(versions(names)), "no object of " + List.of(names) + " changed");
        for (String n : names) {
            Map<String, Long> after = stage.cluster(n).apiRequests();
            after.forEach((method, count) -> that(SimulatedCluster.isRead(method)
                            || count.equals(kubeBefore.get(n).getOrDefault(method, 0L)),
                    n + "'s API server saw no " + method + " (" + (count - kubeBefore.get(n).getOrDefault(method, 0L)) + ")"));
        }
        Map<String, Long> awsAfter = controller.lambda().calls();
        awsAfter.forEach((call, count) -> {
            long made = count - awsBefore.getOrDefault(call, 0L);
            that(made == 0 || !ReconcileWrites.isWrite(call), "no AWS write " + call + " (" + made + ")");
        });
        for (String report : List.of("events PutEvents", "monitoring PutMetricData")) {
            long made = awsAfter.getOrDefault(report, 0L) - awsBefore.getOrDefault(report, 0L);
            that(made == 1, "one " + report + " for the run (" + made + ")");
        }
    }

    /**
     * Runs the action and checks that no object of the named clusters changed (every object in istio-system and
     * kube-system keeps its resourceVersion); {@code what} is the action, for the problem's sentence.
     */
    void changesNothing(String what, Runnable action, String... names) {
        Map<String, String> before = versions(names);
        action.run();
        Map<String, String> after = versions(names);
        that(before.equals(after), what + " writes nothing (changed: " + after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey).toList() + ")");
    }

    /** resourceVersion of every Secret, ConfigMap, Deployment and DaemonSet the mesh touches, by "cluster/kind/ns/name". */
    private Map<String, String> versions(String... names) {
        Map<String, String> versions = new TreeMap<>();
        for (String n : names) {
            KubernetesClient client = stage.cluster(n).client();
            for (String ns : List.of("istio-system", "kube-system")) {
                client.secrets().inNamespace(ns).list().getItems().forEach(o -> versions.put(n + "/Secret/" + ns + "/"
                        + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
                client.configMaps().inNamespace(ns).list().getItems().forEach(o -> versions.put(n + "/ConfigMap/" + ns
                        + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
                client.apps().daemonSets().inNamespace(ns).list().getItems().forEach(o -> versions.put(n + "/DaemonSet/"
                        + ns + "/" + o.getMetadata().getName(), String.valueOf(o.getMetadata().getGeneration())));
                client.apps().deployments().inNamespace(ns).list().getItems().forEach(o -> versions.put(n + "/Deployment/"
                        + ns + "/" + o.getMetadata().getName(), String.valueOf(o.getMetadata().getGeneration())));
            }
        }
        return versions;
    }

    /**
     * No secret material in any execution's state: every state's input and output, as Step Functions keeps
     * them in the history, is free of private keys, EKS tokens, kubeconfigs and the reader tokens the stand-in
     * token controller issued.
     */
    void noSecretsInState() {
        List<String> tokens = readerTokens();
        for (String arn : stage.executions()) {
            String history = controller.stateText(arn);
            // a reconcile that found its mesh held names the mesh, not a cluster
            that(history.contains("\"clusterName\"") || history.contains("\"meshId\""),
                    "the state of " + arn + " was read");
            for (String secret : SECRET_MARKERS) {
                that(!history.contains(secret), "no '" + secret + "' in the state of " + arn);
            }
            tokens.forEach(t -> that(!history.contains(t), "no reader token in the state of " + arn));
        }
        that(!tokens.isEmpty(), "the reader tokens were issued (so the check above looked for something)");
    }

    /** The reader tokens the stand-in token controllers issued. */
    private List<String> readerTokens() {
        List<String> tokens = new ArrayList<>();
        stage.clusters().values().forEach(c -> c.secrets("istio-system").stream()
                .filter(x -> "kubernetes.io/service-account-token".equals(x.getType()) && x.getData() != null
                        && x.getData().containsKey("token"))
                .forEach(x -> tokens.add(new String(Base64.getDecoder().decode(x.getData().get("token")),
                        StandardCharsets.UTF_8))));
        return tokens;
    }

    /**
     * The functions' log lines, as Lambda receives them: each a JSON object with its level, message, step and
     * execution ARN (one of this scenario's executions), the cluster it is about and, once Resolve has found it, the
     * mesh (when {@code meshKnown}); every function the scenario invoked wrote at least one; and none holds secret
     * material (the same markers and reader tokens as the execution state). One problem per kind, naming the first
     * line.
     */
    void cleanLogs(boolean meshKnown) {
        List<String> lines = controller.lambda().logLines();
        List<String> tokens = readerTokens();
        List<String> executions = stage.executions();
        Set<String> steps = new TreeSet<>();
        Map<String, String> firstBad = new LinkedHashMap<>();
        for (String line : lines) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                firstBad.putIfAbsent("is a JSON object", line);
                continue;
            }
            String step = json.path("step").asText();
            steps.add(step);
            for (String field : List.of("level", "message", "step", "executionArn", "cluster")) {
                if (!json.path(field).isTextual() && !(field.equals("cluster") && MESH_WIDE_STEPS.contains(step))) {
                    firstBad.putIfAbsent("has " + field, line);
                }
            }
            if (!executions.contains(json.path("executionArn").asText())) {
                firstBad.putIfAbsent("names one of this scenario's executions", line);
            }
            // Resolve finds the mesh; PlanReconcile by schedule plans every mesh, and DiscoverClusters looks at them all
            if (meshKnown && !step.startsWith("Resolve") && !EVERY_MESH_STEPS.contains(step)
                    && !json.path("meshId").isTextual()) {
                firstBad.putIfAbsent("has meshId", line);
            }
            SECRET_MARKERS.stream().filter(line::contains).findFirst()
                    .ifPresent(m -> firstBad.putIfAbsent("holds no secret material ('" + m + "')", line));
            tokens.stream().filter(line::contains).findFirst()
                    .ifPresent(t -> firstBad.putIfAbsent("holds no reader token", line));
        }
        firstBad.forEach((what, line) -> problem("every function log line " + what + ", not: " + line));
        for (String function : controller.template().resources("AWS::Serverless::Function").keySet()) {
            String step = function.replaceFirst("Function$", "");
            that(controller.lambda().lastInput(function) == null || steps.contains(step),
                    step + " wrote a log line (it was invoked)");
        }
    }
}
