package meshonboarder.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import meshonboarder.aws.AwsClients;
import meshonboarder.json.Json;
import meshonboarder.local.LocalController;
import meshonboarder.local.Template;
import meshonboarder.local.standin.Vpcs;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * How scenarios act on the controller, as users and AWS would: clusters created in EKS (with their VPCs), executions
 * started by an event through the template's rules or by hand, and followed state by state; ReconcileMesh by hand or
 * as the schedule starts it. What goes wrong on the way is a problem of {@link Expectations}.
 */
final class Drivers {

    /** How long a scenario waits for one execution. */
    static final Duration LIMIT = Duration.ofMinutes(5);
    static final String ONBOARD = "OnboardClusterStateMachine";
    static final String RECONCILE = "ReconcileMeshStateMachine";
    /** ReconcileMesh's input by hand, for the one mesh of the scenarios. */
    static final String MESH1 = "{\"meshId\": \"mesh1\"}";

    private final Stage stage;
    private final LocalController controller;
    private final PrintStream out;
    private final Expectations expect;
    private final Progress progress;
    private final Set<String> deleted = new HashSet<>();
    private final Map<String, Vpcs.Vpc> vpcs = new ConcurrentHashMap<>();

    Drivers(Stage stage, Expectations expect) {
        this.stage = stage;
        this.controller = stage.controller();
        this.out = stage.out();
        this.expect = expect;
        this.progress = new Progress(controller, out);
    }

    /** Prints the execution's states as they end, until it ends or the limit passes; then how it ended. */
    DescribeExecutionResponse follow(String label, String executionArn, Duration limit) {
        return progress.follow(label, executionArn, limit);
    }

    /** Starts the state machine with this input, as by {@code aws stepfunctions start-execution}, and follows it. */
    DescribeExecutionResponse startByHand(String label, String stateMachine, String input) {
        return follow(label, stage.start(stateMachine, input), LIMIT);
    }

    /** The cluster's onboarding by manual input, followed. */
    DescribeExecutionResponse onboardByHand(String cluster) {
        return startByHand(cluster, ONBOARD, "{\"clusterName\": \"" + cluster + "\"}");
    }

    /** As EventBridge would: the rules of template.yaml decide which machine the event starts; followed. */
    DescribeExecutionResponse startByEvent(String event, String label) {
        String arn = startByRule(event, label);
        return arn == null ? null : follow(label, arn, LIMIT);
    }

    /** The execution the event's rule started, or null (a problem) when not exactly one rule matches. */
    String startByRule(String event, String label) {
        List<String> rules = controller.rules().matching(event);
        if (rules.size() != 1) {
            expect.problem("expected one rule to match the event, got " + rules);
            return null;
        }
        String machine = controller.rules().target(rules.get(0));
        out.printf("  %-6s : rule %s starts %s%n", label, rules.get(0), machine);
        return stage.start(machine, controller.rules().input(rules.get(0), event));
    }

    /** The seed member: created in EKS, then onboarded by manual input; it must succeed. */
    void joinByHand(String cluster) {
        createInEks(cluster);
        out.println(cluster + " joins mesh1 (manual input):");
        expect.status(cluster, onboardByHand(cluster), ExecutionStatus.SUCCEEDED);
    }

    /** A new member: created in EKS with the mesh tag, its CreateCluster event starts the onboarding; it must succeed. */
    void joinByEvent(String cluster) {
        createInEks(cluster);
        out.println(cluster + " is created with the mesh tag (CreateCluster event):");
        expect.status(cluster, startByEvent(createEvent(cluster), cluster), ExecutionStatus.SUCCEEDED);
    }

    /** The AWS post's two members: eks-1 joins mesh1 by hand, then eks-2 by its CreateCluster event. */
    void meshOfTwo() {
        joinByHand("eks-1");
        joinByEvent("eks-2");
    }

    /** A mesh of three: the AWS post's two members, then eks-3 by its CreateCluster event. */
    void meshOfThree() {
        meshOfTwo();
        joinByEvent("eks-3");
    }

    /**
     * Runs the cluster's onboarding again by hand: it must succeed and write nothing (every object in
     * istio-system and kube-system keeps its resourceVersion, no new Helm revision).
     */
    void onboardAgainChangesNothing(String cluster, String... watched) {
        expect.changesNothing("a second onboarding of " + cluster, () -> {
            out.println(cluster + " is onboarded again (manual input): it must change nothing");
            expect.status(cluster + " (again)", onboardByHand(cluster), ExecutionStatus.SUCCEEDED);
        }, watched);
    }

    /**
     * Starts every cluster's onboarding by its CreateCluster event, all at once, and follows them side by side (a
     * thread each: a follow is mostly waiting). Each must SUCCEED within the limit; one that has not ended by then
     * is a problem naming the states it is still in.
     */
    void onboardAtOnce(List<String> names, Duration limit) {
        Map<String, String> started = new LinkedHashMap<>();
        names.forEach(n -> started.put(n, startByRule(createEvent(n), n)));
        started.values().removeIf(Objects::isNull);
        Map<String, CompletableFuture<DescribeExecutionResponse>> following = new LinkedHashMap<>();
        started.forEach((n, arn) -> {
            CompletableFuture<DescribeExecutionResponse> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(follow(n, arn, limit));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }, "follow-" + n);
            t.setDaemon(true);
            t.start();
            following.put(n, f);
        });
        Instant deadline = Instant.now().plus(limit).plusSeconds(30);
        List<String> unfinished = new ArrayList<>();
        following.forEach((n, f) -> {
            DescribeExecutionResponse execution = null;
            String failure = null;
            try {
                execution = f.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                failure = "not followed to its end";
            } catch (ExecutionException e) {
                failure = "not followed to its end (" + e.getCause() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            if (execution != null && execution.status() != ExecutionStatus.RUNNING) {
                expect.status(n, execution, ExecutionStatus.SUCCEEDED);
            } else {
                unfinished.add(n + " " + controller.whereIs(started.get(n)) + (failure == null ? "" : ", " + failure));
            }
        });
        expect.that(unfinished.isEmpty(), "every onboarding ends within " + limit + "; still running: " + unfinished);
    }

    /**
     * ReconcileMesh with this input, followed, and the children it started when it ran for every mesh
     * ({@link #withChildren}): each must succeed, and put its event and metrics.
     */
    DescribeExecutionResponse reconcile(String input) {
        String arn = stage.start(RECONCILE, input);
        DescribeExecutionResponse run = follow("mesh1", arn, LIMIT);
        expect.status("ReconcileMesh", run, ExecutionStatus.SUCCEEDED);
        return withChildren(run);
    }

    /** ReconcileMesh as EventBridge Scheduler starts it, with the template's input: every mesh, here the one. */
    DescribeExecutionResponse scheduledReconcile() {
        Map<String, Object> target = Template.map(controller.template().properties("ReconcileMeshSchedule"), "Target");
        return reconcile(target.get("Input").toString());
    }

    /**
     * A ReconcileMesh run and its children: a run for every mesh (schedule, deploy) reconciles none itself and
     * starts one child execution per mesh (StartEachMesh), so its children are followed until each ends, and each
     * must succeed. The run's description comes back with the children's mesh reports as its output
     * ({@code {"meshes": [...]}}, as a run of one mesh gives them), so a scenario reads each mesh's report the same
     * way whichever run reconciled it. Every run followed must put its event on the bus and its metrics into
     * CloudWatch.
     */
    DescribeExecutionResponse withChildren(DescribeExecutionResponse run) {
        if (run == null) {
            return null;
        }
        List<String> children = controller.children(run);
        if (run.output() != null) {
            JsonNode notStarted = readTree(run.output()).path("reconciles").findParent("error");
            expect.that(notStarted == null, "the run started every mesh's child (not started: " + notStarted + ")");
        }
        List<DescribeExecutionResponse> reconciled = new ArrayList<>();
        for (String child : children) {
            stage.adopt(child);
            DescribeExecutionResponse ended = follow(meshOf(child), child, LIMIT);
            expect.status("ReconcileMesh of " + meshOf(child), ended, ExecutionStatus.SUCCEEDED);
            reconciled.add(ended);
        }
        List<DescribeExecutionResponse> runs = children.isEmpty() ? List.of(run) : reconciled;
        for (DescribeExecutionResponse r : runs) {
            String history = controller.stateText(r.executionArn());
            expect.that(!history.contains("publishError") && !history.contains("metricsError"),
                    "the run put its event on the bus and its metrics into CloudWatch (" + r.executionArn() + ")");
        }
        if (children.isEmpty()) {
            return run;
        }
        var meshes = Json.MAPPER.createArrayNode();
        for (DescribeExecutionResponse child : reconciled) {
            if (child.output() != null) {
                readTree(child.output()).path("meshes").forEach(meshes::add);
            }
        }
        return run.toBuilder().output(Json.MAPPER.createObjectNode().set("meshes", meshes).toString()).build();
    }

    /** A child's mesh, from its input. */
    private String meshOf(String executionArn) {
        return readTree(controller.describe(executionArn).input()).path("meshId").asText();
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Injects a fault, runs one reconcile by hand, and checks that it repaired it and the mesh is whole. */
    void fault(String description, Runnable inject, String expectedRepair, String... mesh) {
        out.println("fault: " + description);
        inject.run();
        DescribeExecutionResponse run = reconcile(MESH1);
        expect.outcome(run, "REPAIRED");
        expect.repaired(run, expectedRepair);
        expect.fullMesh(mesh);
    }

    /** The stack's own CloudFormation Stack Status Change event, as EventBridge sends it when a deploy ends. */
    String deployEvent(String status) {
        try (InputStream in = Drivers.class.getResourceAsStream("/events/stack-status-change.json")) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(in);
            String stackId = controller.template().stackId();
            event.putArray("resources").add(stackId);
            ObjectNode detail = (ObjectNode) event.path("detail");
            detail.put("stack-id", stackId);
            ((ObjectNode) detail.path("status-details")).put("status", status);
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OnboardCluster executions started so far, by anyone. */
    Set<String> onboardings() {
        return new HashSet<>(controller.executions(ONBOARD));
    }

    /**
     * The onboardings started since {@code before} (a reconcile's discovery starts them), adopted into the stage and
     * followed side by side until each ends; by cluster name.
     */
    Map<String, DescribeExecutionResponse> followNewOnboardings(Set<String> before) {
        Map<String, String> started = new LinkedHashMap<>();
        for (String arn : controller.executions(ONBOARD)) {
            if (!before.contains(arn)) {
                stage.adopt(arn);
                // a second onboarding of one cluster (a race) is "eks-5 #2"
                String cluster = clusterOf(arn);
                started.put(started.containsKey(cluster) ? cluster + " #" + (started.size() + 1) : cluster, arn);
            }
        }
        // a thread each, as onboardAtOnce: a follow is mostly waiting
        Map<String, CompletableFuture<DescribeExecutionResponse>> following = new LinkedHashMap<>();
        started.forEach((cluster, arn) -> {
            CompletableFuture<DescribeExecutionResponse> f = new CompletableFuture<>();
            new Thread(() -> {
                try {
                    f.complete(follow(cluster, arn, LIMIT));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }).start();
            following.put(cluster, f);
        });
        Map<String, DescribeExecutionResponse> ended = new LinkedHashMap<>();
        following.forEach((cluster, f) -> ended.put(cluster, f.join()));
        return ended;
    }

    /** The cluster an OnboardCluster execution was started for (its input's clusterName). */
    String clusterOf(String onboardingArn) {
        try {
            // a manual or discovery input names it; an event started by a rule carries it in its request
            JsonNode input = Json.MAPPER.readTree(controller.describe(onboardingArn).input());
            return input.has("clusterName") ? input.path("clusterName").asText()
                    : input.path("detail").path("requestParameters").path("name").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CreateCluster event of the cluster, with the mesh tag. */
    String createEvent(String cluster) {
        return event("create-cluster-tagged.json", cluster);
    }

    /** A CloudTrail event of the fixtures about the cluster, with its network tag and IP family. */
    String event(String file, String cluster) {
        try (InputStream in = Drivers.class.getResourceAsStream("/events/" + file)) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(in);
            ObjectNode parameters = (ObjectNode) event.path("detail").path("requestParameters");
            parameters.put("name", cluster);
            if (parameters.has("tags")) {
                ObjectNode tags = (ObjectNode) parameters.path("tags");
                tags.put("istio-network", network(cluster));
            }
            if (parameters.has("kubernetesNetworkConfig")) {
                ((ObjectNode) parameters.path("kubernetesNetworkConfig")).put("ipFamily",
                        stage.cluster(cluster).ipFamily().value());
            }
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code network1} on a single network, else one each ({@code network2} for eks-2). */
    String network(String cluster) {
        return stage.scenario().singleNetwork() ? "network1" : "network" + cluster.substring(cluster.indexOf('-') + 1);
    }

    /** The cluster in EKS, tagged into mesh1 on its network, in its network's VPC. */
    void createInEks(String cluster) {
        createInEks(cluster, Map.of("istio-mesh", "mesh1", "istio-network", network(cluster)));
    }

    void createInEks(String cluster, Map<String, String> tags) {
        create(cluster, tags, controller.aws(), LocalController.ACCOUNT, LocalController.REGION, vpc(cluster));
    }

    /**
     * The cluster in another account's EKS and region, tagged into mesh1, in a dual-stack VPC of that account: as a
     * user of that account creates it ({@code account}: a session there).
     */
    void createInAccount(String cluster, AwsClients account, String accountId, String region) {
        Ec2Client ec2 = account.client("ec2", region, Ec2Client::builder);
        Vpcs.Vpc vpc = vpcs.computeIfAbsent(network(cluster), n -> Vpcs.dualStack(ec2, "10.1.0.0/16"));
        create(cluster, Map.of("istio-mesh", "mesh1", "istio-network", network(cluster)), account, accountId, region,
                vpc);
    }

    private void create(String cluster, Map<String, String> tags, AwsClients account, String accountId, String region,
                        Vpcs.Vpc vpc) {
        Ec2Client ec2 = account.client("ec2", region, Ec2Client::builder);
        stage.cluster(cluster).placeLoadBalancers(service -> Vpcs.refusal(ec2, vpc.vpcId(), service));
        account.eks(region).createCluster(r -> r.name(cluster)
                .roleArn("arn:aws:iam::" + accountId + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds(vpc.subnetIds()))
                .kubernetesNetworkConfig(k -> k.ipFamily(stage.cluster(cluster).ipFamily().value()))
                .tags(tags));
    }

    /**
     * A session in another account, as its users have (moto gives an AssumeRole session the role's account), for
     * what they do there: create clusters, deploy the member template.
     */
    AwsClients account(String accountId, String region) {
        var c = controller.aws().sts().assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId
                + ":role/OrganizationAccountAccessRole").roleSessionName("user")).credentials();
        return new AwsClients(region, controller.aws().endpoint(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    /** An entry of a PutEvents request (the functions' own events) as the default bus delivers it to a rule's target. */
    static String delivered(JsonNode entry) {
        try {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("version", "0");
            event.put("id", UUID.randomUUID().toString());
            event.put("detail-type", entry.path("DetailType").asText());
            event.put("source", entry.path("Source").asText());
            event.put("account", LocalController.ACCOUNT);
            event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            event.put("region", LocalController.REGION);
            event.set("resources", entry.path("Resources"));
            event.set("detail", Json.MAPPER.readTree(entry.path("Detail").asText()));
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as a member account's forwarding rule delivers it: its own account and region, unchanged otherwise. */
    static String forwarded(String event, String accountId, String region) {
        return event.replace(LocalController.ACCOUNT, accountId).replace(LocalController.REGION, region);
    }

    /** The VPC (in moto's EC2) of the cluster's network, made on first use: dual-stack unless made otherwise before. */
    Vpcs.Vpc vpc(String cluster) {
        return vpcs.computeIfAbsent(network(cluster), n -> Vpcs.dualStack(ec2(), "10.0.0.0/16"));
    }

    /** Makes the cluster's network a single-stack IPv4 VPC, as the AWS post places its IPv4 cluster. */
    Vpcs.Vpc ipv4OnlyVpc(String cluster) {
        return vpcs.computeIfAbsent(network(cluster), n -> Vpcs.ipv4Only(ec2(), "10.0.0.0/16"));
    }

    /** Adds IPv6 CIDRs to the VPC, as a user would. */
    void addIpv6(Vpcs.Vpc vpc) {
        Vpcs.addIpv6(ec2(), vpc);
    }

    /** Deletes the cluster from EKS (its stand-in keeps what it held); no event is sent. */
    void deleteFromEks(String cluster) {
        controller.aws().eks(LocalController.REGION).deleteCluster(r -> r.name(cluster));
        deleted.add(cluster);
    }

    /** Clusters deleted from EKS so far. */
    Set<String> deleted() {
        return Set.copyOf(deleted);
    }

    private Ec2Client ec2() {
        return controller.aws().client("ec2", LocalController.REGION, Ec2Client::builder);
    }
}
