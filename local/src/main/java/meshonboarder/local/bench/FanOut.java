package meshonboarder.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.Istio;
import meshonboarder.json.Json;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.kubernetes.remote.RemoteSecret;
import meshonboarder.local.LocalController;
import meshonboarder.local.LocalRunner;
import meshonboarder.local.scenario.Catalogue;
import meshonboarder.local.scenario.Summary;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.local.standin.Vpcs;
import meshonboarder.mesh.Member;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * One onboarding into a mesh that already has {@code peers} members: a fresh controller, the members put in place
 * directly (an EKS cluster in moto with the mesh tags, its SSM membership record, a stand-in cluster holding the
 * reader identity with a filled token, as onboarding leaves a member), then one new cluster onboarded through the
 * OnboardCluster state machine by manual input. Counts what the execution did: Lambda invocations, the functions'
 * AWS API calls, and Kubernetes API calls on every stand-in cluster.
 */
final class FanOut {

    static final String MESH = "mesh1";
    static final String NEW_CLUSTER = "eks-new";
    private static final Duration LIMIT = Duration.ofMinutes(15);

    /**
     * @param seconds         the execution's start to stop, as Step Functions reports them
     * @param exchangeSeconds the ExchangeWithEachPeer Map state, entered to exited
     * @param aws             the functions' AWS calls by "service operation" (without Lambda and Step Functions)
     * @param kubernetes      Kubernetes API calls by method, on the new cluster and the peers together
     * @param lambdaMillis    each function's invocations, their durations added up (in-process, warm)
     * @param transitions     the states the execution entered (Step Functions bills Standard workflows by them)
     * @param logBytes        the functions' JSON log lines, newlines included (CloudWatch Logs ingestion)
     */
    record Result(int peers, String outcome, double seconds, double exchangeSeconds, long invocations,
                  Map<String, Long> aws, long kubernetesOnNew, long kubernetesOnPeers, Map<String, Long> kubernetes,
                  int secretsInNew, int peersHoldingNew, List<String> problems, Map<String, Long> lambdaMillis,
                  long transitions, long logBytes, LocalController.Footprint footprint) {

        long awsCalls() {
            return aws.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private FanOut() {
    }

    static Result run(Path root, int peers) throws IOException, InterruptedException {
        Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
        clusters.put(NEW_CLUSTER, new SimulatedCluster(NEW_CLUSTER, IpFamily.IPV6, SimulatedCluster.Behaviour.prompt()));
        try (LocalController controller = LocalController.start(root, Catalogue.SEED.parameters(),
                LocalRunner.environment(), clusters::get)) {
            List<String> names = members(controller, "peer", peers, clusters, true);
            List<String> subnets = Vpcs.dualStack(ec2(controller), "10.0.0.0/16").subnetIds();
            controller.aws().eks(LocalController.REGION).createCluster(r -> r.name(NEW_CLUSTER)
                    .roleArn("arn:aws:iam::" + LocalController.ACCOUNT + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds(subnets))
                    .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV6.value()))
                    .tags(Map.of("istio-mesh", MESH, "istio-network", "network-new")));

            Map<String, Long> lambdaMillis = new ConcurrentHashMap<>();
            controller.lambda().onInvocation(i -> lambdaMillis.merge(i.function(), i.millis(), Long::sum));
            long logBytesBefore = logBytes(controller);
            Map<String, Long> awsBefore = controller.lambda().calls();
            Map<String, Map<String, Long>> kubernetesBefore = kubernetes(clusters);
            String arn = controller.start("OnboardClusterStateMachine", "{\"clusterName\": \"" + NEW_CLUSTER + "\"}");
            DescribeExecutionResponse execution = controller.await(arn, LIMIT);
            Map<String, Long> aws = minus(controller.lambda().calls(), awsBefore);
            Map<String, Map<String, Long>> kubernetesAfter = kubernetes(clusters);
            Result counted = result(peers, controller, execution, aws, kubernetesBefore, kubernetesAfter, clusters, names);
            return new Result(counted.peers(), counted.outcome(), counted.seconds(), counted.exchangeSeconds(),
                    counted.invocations(), counted.aws(), counted.kubernetesOnNew(), counted.kubernetesOnPeers(),
                    counted.kubernetes(), counted.secretsInNew(), counted.peersHoldingNew(), counted.problems(),
                    new TreeMap<>(lambdaMillis), controller.statesEntered(arn).size(),
                    logBytes(controller) - logBytesBefore, controller.footprint(arn));
        } finally {
            ExecutorService closing = Executors.newFixedThreadPool(4);
            clusters.values().forEach(c -> closing.submit(c::close));
            closing.shutdown();
            closing.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /**
     * Puts {@code count} members in place ({@code prefix-01}, ...), a few at a time, into {@code clusters}, in a
     * dual-stack VPC of their own; with their reader identity, or without it when a reconcile will install Istio there
     * first (istio-base's chart brings the reader's ServiceAccount, and Helm refuses to adopt one made outside it).
     * Returns their names.
     */
    static List<String> members(LocalController controller, String prefix, int count,
                                Map<String, SimulatedCluster> clusters, boolean withReader) throws InterruptedException {
        List<String> subnets = Vpcs.dualStack(ec2(controller), "10.1.0.0/16").subnetIds();
        DynamoMeshMembers members = controller.members();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(String.format("%s-%02d", prefix, i));
        }
        eachOf(names, "could not put the members in place",
                name -> clusters.put(name, member(controller, members, name, subnets, withReader)));
        return names;
    }

    /** What a step of the bench's set-up does to one member. */
    interface MemberTask {
        void run(String name) throws Exception;
    }

    /** {@code task} on every name, four at a time; the first failure, as {@code what} and its cause, once all ended. */
    static void eachOf(List<String> names, String what, MemberTask task) throws InterruptedException {
        ExecutorService setup = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String name : names) {
                done.add(setup.submit(() -> {
                    task.run(name);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(what, e.getCause());
        } finally {
            setup.shutdown();
        }
    }

    /**
     * {@code count} EKS clusters without the mesh tag ({@code outside-01}, ...): what discovery lists and describes
     * in an account where not every cluster is in a mesh. Only the EKS record: nothing ever calls into them.
     */
    static void outsiders(LocalController controller, int count) {
        List<String> subnets = Vpcs.dualStack(ec2(controller), "10.2.0.0/16").subnetIds();
        for (int i = 1; i <= count; i++) {
            String name = String.format("outside-%02d", i);
            controller.aws().eks(LocalController.REGION).createCluster(r -> r.name(name)
                    .roleArn("arn:aws:iam::" + LocalController.ACCOUNT + ":role/eks-cluster")
                    .resourcesVpcConfig(v -> v.subnetIds(subnets))
                    .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV4.value())));
        }
    }

    /** A member as onboarding leaves it, as far as a newcomer's onboarding reads it (the reconcile bench too). */
    static SimulatedCluster member(LocalController controller, DynamoMeshMembers members, String name,
                                   List<String> subnets, boolean withReader) {
        SimulatedCluster cluster = new SimulatedCluster(name, IpFamily.IPV4, SimulatedCluster.Behaviour.settled());
        String network = "network-" + name;
        String arn = controller.aws().eks(LocalController.REGION).createCluster(r -> r.name(name)
                .roleArn("arn:aws:iam::" + LocalController.ACCOUNT + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds(subnets))
                .kubernetesNetworkConfig(k -> k.ipFamily(IpFamily.IPV4.value()))
                .tags(Map.of("istio-mesh", MESH, "istio-network", network))).cluster().arn();
        members.register(new Member(MESH, name, LocalController.REGION, arn, IpFamily.IPV4, network));
        if (!withReader) {
            return cluster;
        }
        for (HasMetadata object : List.of(ReaderObjects.namespace(), ReaderObjects.serviceAccount(),
                ReaderObjects.clusterRole(), ReaderObjects.clusterRoleBinding())) {
            cluster.client().resource(object).create();
        }
        Secret token = new SecretBuilder(ReaderObjects.tokenSecret()).addToData("token",
                        Base64.getEncoder().encodeToString(("local." + name).getBytes(StandardCharsets.UTF_8)))
                .addToData("ca.crt", cluster.certificateAuthority()).build();
        cluster.client().resource(token).create();
        return cluster;
    }

    private static Result result(int peers, LocalController controller, DescribeExecutionResponse execution,
                                 Map<String, Long> calls, Map<String, Map<String, Long>> before,
                                 Map<String, Map<String, Long>> after, Map<String, SimulatedCluster> clusters,
                                 List<String> names) throws IOException {
        List<String> problems = new ArrayList<>();
        String outcome = execution.status() == ExecutionStatus.SUCCEEDED ? "SUCCEEDED"
                : execution.status() + (execution.error() == null ? "" : " " + execution.error());
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            problems.add("the execution ended " + outcome + (execution.cause() == null ? "" : ": " + execution.cause()));
        }
        double seconds = execution.stopDate() == null ? Double.NaN
                : Duration.between(execution.startDate(), execution.stopDate()).toMillis() / 1000.0;
        if (execution.output() != null) {
            for (JsonNode item : Json.MAPPER.readTree(execution.output()).path("exchange")) {
                if (!"EXCHANGED".equals(item.path("status").asText())) {
                    problems.add("peer " + item.at("/peer/clusterName").asText() + ": " + item.path("status").asText()
                            + " " + item.path("error").asText());
                }
            }
        }
        var held = Summary.remoteSecrets(clusters.get(NEW_CLUSTER));
        int secretsInNew = (int) names.stream().filter(held::contains).count();
        if (secretsInNew != peers || held.size() != peers) {
            problems.add(NEW_CLUSTER + " holds " + held.size() + " remote secrets, of " + secretsInNew + " of the "
                    + peers + " peers");
        }
        int holding = (int) names.stream().filter(n -> clusters.get(n).client().secrets()
                .inNamespace(Istio.NAMESPACE).withName(RemoteSecret.name(NEW_CLUSTER)).get() != null).count();
        if (holding != peers) {
            problems.add(holding + " of " + peers + " peers hold the remote secret of " + NEW_CLUSTER);
        }
        Map<String, Long> aws = new TreeMap<>();
        long invocations = 0;
        for (var call : calls.entrySet()) {
            String service = call.getKey().substring(0, call.getKey().indexOf(' '));
            if (service.equals("lambda")) {
                invocations += call.getValue();
            } else if (!service.equals("states")) { // the runner's own polling of the execution
                aws.put(call.getKey(), call.getValue());
            }
        }
        Map<String, Long> kubernetes = new TreeMap<>();
        long onNew = 0;
        long onPeers = 0;
        for (var cluster : after.entrySet()) {
            Map<String, Long> diff = minus(cluster.getValue(), before.getOrDefault(cluster.getKey(), Map.of()));
            long sum = diff.values().stream().mapToLong(Long::longValue).sum();
            if (cluster.getKey().equals(NEW_CLUSTER)) {
                onNew += sum;
            } else {
                onPeers += sum;
            }
            diff.forEach((method, n) -> kubernetes.merge(method, n, Long::sum));
        }
        return new Result(peers, outcome, seconds, exchangeSeconds(controller.history(execution.executionArn())),
                invocations, aws, onNew, onPeers, kubernetes, secretsInNew, holding, problems, Map.of(), 0, 0, null);
    }

    private static long logBytes(LocalController controller) {
        return controller.lambda().logLines().stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1)
                .sum();
    }

    /** From entering the ExchangeWithEachPeer Map state to leaving it. */
    private static double exchangeSeconds(List<HistoryEvent> history) {
        Instant entered = null;
        for (HistoryEvent e : history) {
            if (e.stateEnteredEventDetails() != null && e.stateEnteredEventDetails().name().equals("ExchangeWithEachPeer")) {
                entered = e.timestamp();
            } else if (entered != null && e.stateExitedEventDetails() != null
                    && e.stateExitedEventDetails().name().equals("ExchangeWithEachPeer")) {
                return Duration.between(entered, e.timestamp()).toMillis() / 1000.0;
            }
        }
        return Double.NaN;
    }

    private static Map<String, Map<String, Long>> kubernetes(Map<String, SimulatedCluster> clusters) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        clusters.forEach((name, cluster) -> counts.put(name, cluster.apiRequests()));
        return counts;
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((key, n) -> {
            long d = n - before.getOrDefault(key, 0L);
            if (d != 0) {
                diff.put(key, d);
            }
        });
        return diff;
    }

    private static Ec2Client ec2(LocalController controller) {
        return controller.aws().client("ec2", LocalController.REGION, Ec2Client::builder);
    }
}
