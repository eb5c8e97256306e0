package meshonboarder.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import meshonboarder.cluster.IpFamily;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.lambda.Json;
import meshonboarder.local.standin.SimulatedCluster;
import meshonboarder.local.standin.Vpcs;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * One run of the controller on stand-in clusters: the clusters, what happens to them, and the end state it
 * must reach. {@link #problems()} lists every way the end state differs from the expected one.
 */
public final class Scenario {

    /** The scenarios the runner knows; {@code seed} is the default. */
    public enum Name {
        SEED("seed", "the AWS post: eks-1 (IPv4, in a single-stack IPv4 VPC) is in mesh1; eks-2 (IPv6) is created "
                + "with the mesh tag and refused until eks-1's VPC has IPv6 CIDRs; then every gateway is dualstack"),
        DUAL_STACK("dual-stack", "eks-1 (IPv4) is in mesh1; eks-2 (IPv6) is created with the mesh tag; both VPCs "
                + "dual-stack: fully meshed in one go"),
        SINGLE_NETWORK("single-network", "as seed, on a single network: watch eks-1 get ENABLE_V6_EGRESS"),
        THREE_CLUSTERS("three-clusters", "eks-1 in mesh1, then eks-2 (IPv6) and eks-3 (IPv4) join one after the other"),
        CONCURRENT("concurrent", "eks-1 in mesh1; eks-2 and eks-3 are created at the same moment"),
        CROWD("crowd", "eks-1 to eks-6 (IPv4 and IPv6) are created at the same moment into an empty mesh"),
        OFFBOARD("offboard", "the seed, then eks-2 is deleted: it leaves every peer"),
        BAD_INPUT("bad-input", "an unknown cluster and an untagged one: named errors, nothing touched"),
        RECONCILE("reconcile", "a mesh of three; faults injected one by one, each repaired by one ReconcileMesh run");

        private final String flag;
        private final String description;

        Name(String flag, String description) {
            this.flag = flag;
            this.description = description;
        }

        public String flag() {
            return flag;
        }

        public String description() {
            return description;
        }

        public static Name of(String flag) {
            for (Name n : values()) {
                if (n.flag.equals(flag)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + flag + "'");
        }
    }

    /** The reconciler's steps that work on a whole mesh: their log lines name the mesh, not a cluster. */
    private static final java.util.Set<String> MESH_WIDE_STEPS =
            java.util.Set.of("PlanReconcile", "CheckMembership", "CheckRemoteSecrets", "CheckIstio", "ReportReconcile");
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final int CROWD_SIZE = 6;

    private final Name name;
    private final LocalController controller;
    private final Map<String, SimulatedCluster> clusters;
    private final PrintStream out;
    private final Progress progress;
    private final List<String> problems = new ArrayList<>();
    private final java.util.Set<String> deleted = new java.util.HashSet<>();
    private final List<String> executions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Vpcs.Vpc> vpcs = new java.util.concurrent.ConcurrentHashMap<>();

    Scenario(Name name, LocalController controller, Map<String, SimulatedCluster> clusters, PrintStream out) {
        this.name = name;
        this.controller = controller;
        this.clusters = clusters;
        this.out = out;
        this.progress = new Progress(controller, out);
    }

    /** The clusters a scenario needs, with their family. */
    static Map<String, IpFamily> clustersOf(Name name) {
        Map<String, IpFamily> c = new LinkedHashMap<>();
        c.put("eks-1", IpFamily.IPV4);
        c.put("eks-2", IpFamily.IPV6);
        if (name == Name.THREE_CLUSTERS || name == Name.CONCURRENT || name == Name.RECONCILE) {
            c.put("eks-3", IpFamily.IPV4);
        }
        if (name == Name.CROWD) {
            for (int i = 3; i <= CROWD_SIZE; i++) {
                c.put("eks-" + i, i % 2 == 1 ? IpFamily.IPV4 : IpFamily.IPV6);
            }
        }
        return c;
    }

    /** Clusters the scenario deleted from EKS (their stand-ins keep what they held). */
    public java.util.Set<String> deleted() {
        return java.util.Set.copyOf(deleted);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The executions the scenario started, in order. */
    List<String> executions() {
        return List.copyOf(executions);
    }

    void run() {
        switch (name) {
            case SEED -> {
                join("eks-1", false);
                expectGateways("ipv4", "eks-1");
                createInEks("eks-2");
                out.println("eks-2 is created with the mesh tag (CreateCluster event):");
                DescribeExecutionResponse refused = startByEvent(createEvent("eks-2"), "eks-2");
                expect(refused != null && "meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6".equals(refused.error()),
                        "eks-2 is refused with LoadBalancerSubnetsWithoutIpv6 while eks-1's VPC is IPv4 only");
                expect(clusters.get("eks-2").secrets("istio-system").isEmpty(), "nothing was written to eks-2");
                expectGateways("ipv4", "eks-1");
                Vpcs.Vpc vpc = vpcs.get(network("eks-1"));
                out.println("the user adds IPv6 CIDRs to eks-1's VPC, as the error says:");
                out.println("  aws ec2 associate-vpc-cidr-block --vpc-id " + vpc.vpcId() + " --amazon-provided-ipv6-cidr-block");
                vpc.subnetIds().forEach(id -> out.println("  aws ec2 associate-subnet-cidr-block --subnet-id " + id
                        + " --ipv6-cidr-block <a /64 of the VPC's block>"));
                Vpcs.addIpv6(controller.aws().ec2(LocalController.REGION), vpc);
                out.println("eks-2 is onboarded again (manual input):");
                expectStatus("eks-2", progress.follow("eks-2", start("OnboardClusterStateMachine",
                        "{\"clusterName\": \"eks-2\"}"), LIMIT), ExecutionStatus.SUCCEEDED);
                expectFullMesh("eks-1", "eks-2");
                expectGateways("dualstack", "eks-1", "eks-2");
                rerunChangesNothing("eks-2", "eks-1", "eks-2");
                expectNoSecretsInState();
            }
            case DUAL_STACK, SINGLE_NETWORK -> {
                join("eks-1", false);
                join("eks-2", true);
                expectFullMesh("eks-1", "eks-2");
                if (name == Name.DUAL_STACK) {
                    expectGateways("dualstack", "eks-1", "eks-2");
                    rerunChangesNothing("eks-2", "eks-1", "eks-2");
                }
                expectNoSecretsInState();
                if (name == Name.SINGLE_NETWORK) {
                    expect(Summary.cniEgress(clusters.get("eks-1")).contains("ENABLE_V6_EGRESS=true"),
                            "eks-1 (IPv4) has ENABLE_V6_EGRESS=true on a single network with an IPv6 member");
                }
            }
            case THREE_CLUSTERS -> {
                join("eks-1", false);
                join("eks-2", true);
                join("eks-3", true);
                expectFullMesh("eks-1", "eks-2", "eks-3");
                expectGateways("dualstack", "eks-1", "eks-2", "eks-3");
            }
            case CONCURRENT -> {
                join("eks-1", false);
                createInEks("eks-2");
                createInEks("eks-3");
                out.println("eks-2 and eks-3 are created at the same moment:");
                concurrentGateways();
            }
            case CROWD -> {
                // Nobody is a member yet: all six race for the mesh's root CA and register while the others list.
                List<String> crowd = List.copyOf(clusters.keySet());
                crowd.forEach(this::createInEks);
                out.println(String.join(", ", crowd) + " are created at the same moment into an empty mesh:");
                atOnce(crowd, LIMIT);
                expectFullMesh(crowd.toArray(String[]::new));
                // whatever the interleaving, RecheckNetwork leaves no ipv4 gateway in the mixed mesh
                expectGateways("dualstack", crowd.toArray(String[]::new));
                long pairs = crowd.stream().mapToLong(c -> Summary.remoteSecrets(clusters.get(c)).size()).sum();
                expect(pairs == (long) crowd.size() * (crowd.size() - 1), "the remote secrets are the "
                        + crowd.size() * (crowd.size() - 1) + " ordered pairs of members, no more (found " + pairs + ")");
                long roots = controller.aws().secretsManager().listSecretsPaginator(r -> { }).stream()
                        .flatMap(page -> page.secretList().stream())
                        .filter(x -> x.name().endsWith("/root-ca")).count();
                expect(roots == 1, "Secrets Manager holds one root CA (found " + roots + ")");
                expectNoSecretsInState();
            }
            case OFFBOARD -> {
                join("eks-1", false);
                join("eks-2", true);
                out.println("eks-2 is deleted (DeleteCluster):");
                controller.aws().eks(LocalController.REGION).deleteCluster(r -> r.name("eks-2"));
                deleted.add("eks-2");
                String event = event("delete-cluster.json", "eks-2");
                expectStatus("eks-2", startByEvent(event, "eks-2"), ExecutionStatus.SUCCEEDED);
                expect(!Summary.remoteSecrets(clusters.get("eks-1")).contains("eks-2"),
                        "eks-1 no longer holds eks-2's remote secret");
                expectNoSecretsInState(); // the offboarding's state too: execution logging includes it
            }
            case BAD_INPUT -> {
                out.println("manual input for a cluster that does not exist:");
                DescribeExecutionResponse unknown = progress.follow("input",
                        start("OnboardClusterStateMachine", "{\"clusterName\": \"eks-404\"}"), LIMIT);
                expect("meshonboarder.errors.ClusterNotFound".equals(unknown.error()), "unknown cluster: ClusterNotFound");
                out.println("eks-1 is created without the mesh tag:");
                createInEks("eks-1", Map.of("team", "platform"));
                String untagged = event("create-cluster-untagged.json", "eks-1");
                expect(controller.rules().matching(untagged).isEmpty(), "no rule matches CreateCluster without the tag");
                out.println("  event  : no rule matches CreateCluster without the mesh tag: nothing starts");
                DescribeExecutionResponse manual = progress.follow("input",
                        start("OnboardClusterStateMachine", "{\"clusterName\": \"eks-1\"}"), LIMIT);
                expect("meshonboarder.errors.NotAMeshCluster".equals(manual.error()), "untagged cluster: NotAMeshCluster");
                expect(clusters.get("eks-1").secrets("istio-system").isEmpty(), "nothing was written to eks-1");
            }
            case RECONCILE -> reconcileScenario();
            default -> throw new IllegalStateException();
        }
        expectCleanLogs();
    }

    /**
     * One mesh set up once, then each fault: inject it, run one reconcile, check the whole mesh again. A healthy
     * mesh's run (by hand, and as the schedule starts it) must write nothing.
     */
    private void reconcileScenario() {
        join("eks-1", false);
        joinWhilePeerDown("eks-2", OFF_NETWORK, "eks-1");
        joinWhilePeerDown("eks-3", REFUSES, "eks-2", "eks-1");
        expectFullMesh("eks-1", "eks-2", "eks-3");

        out.println("ReconcileMesh on a healthy mesh (by hand): it must write nothing");
        expectNoWrites(() -> expectOutcome(reconcile("{\"meshId\": \"mesh1\"}"), "HEALTHY"), "eks-1", "eks-2", "eks-3");

        fault("eks-1 loses its remote secret of eks-2", () -> deleteSecret("eks-1", "istio-remote-secret-eks-2"),
                "remote secret of eks-2 rewritten (MISSING in eks-1)", "eks-1", "eks-2", "eks-3");
        fault("eks-3's reader token Secret is deleted (its API server revokes the token)", () -> {
            deleteSecret("eks-3", ReaderObjects.TOKEN_SECRET);
            clusters.get("eks-3").refreshTokens();
        }, "remote secret of eks-3 rewritten (NO_READER_TOKEN in every other member)", "eks-1", "eks-2", "eks-3");

        fault("eks-2's intermediate CA is inside its renewal window (10 days left)", () -> shortLivedIntermediate("eks-2"),
                "intermediate CA of eks-2 re-issued", "eks-1", "eks-2", "eks-3");
        expect(Summary.caNotAfter(clusters.get("eks-2")).isAfter(java.time.Instant.now().plus(Duration.ofDays(600))),
                "eks-2's cacerts holds the re-issued intermediate (" + Summary.caNotAfter(clusters.get("eks-2")) + ")");

        fault("someone resets eks-2's VPC CNI egress (ENABLE_V4_EGRESS=false on aws-node)",
                () -> setAwsNodeVariable("eks-2", "ENABLE_V4_EGRESS", "false"),
                "CNI egress of eks-2 put back (ENABLE_V4_EGRESS=true", "eks-1", "eks-2", "eks-3");
        expect("true".equals(awsNodeVariable("eks-2", "ENABLE_V4_EGRESS")), "eks-2's aws-node has ENABLE_V4_EGRESS=true again");
        awaitAwsNodeRollout("eks-2");

        fault("the stack is deployed again: ClusterAccessRole is a new role with the same ARN", () -> {
            controller.recreateClusterAccessRole();
            expect(!controller.lambda().eksFront().admits("eks-1"),
                    "eks-1's API server refuses the controller while its access entry names the old role");
        }, "access entry of eks-1 re-created", "eks-1", "eks-2", "eks-3");
        for (String member : List.of("eks-1", "eks-2", "eks-3")) {
            expect(controller.lambda().eksFront().admits(member), member + "'s access entry lets the controller in again");
        }

        rotateReaderTokens("eks-1", "eks-2", "eks-3");

        out.println("ReconcileMesh as the schedule starts it (every mesh): the mesh is whole again, nothing is written");
        expectNoWrites(() -> expectOutcome(scheduledRun(), "HEALTHY"), "eks-1", "eks-2", "eks-3");

        istioDrift();

        out.println("the mesh tag is removed from eks-3 (UntagResource event):");
        DescribeExecutionResponse untagged = untagMesh("eks-3");
        expectOutcome(untagged, "REPAIRED");
        expectFullMesh("eks-1", "eks-2");
        expectLeft("eks-3", "eks-1", "eks-2");
        expect(Summary.remoteSecrets(clusters.get("eks-3")).isEmpty(), "eks-3 holds no remote secret any more");
        expect(!Summary.releases(clusters.get("eks-3")).isEmpty(), "Istio stays installed on eks-3");
        removeIstioOnLeave();

        out.println("eks-2 is deleted while the controller misses its DeleteCluster event:");
        controller.aws().eks(LocalController.REGION).deleteCluster(r -> r.name("eks-2"));
        deleted.add("eks-2");
        DescribeExecutionResponse gone = reconcile("{\"meshId\": \"mesh1\"}");
        expectOutcome(gone, "REPAIRED");
        expectLeft("eks-2", "eks-1");
        expectNoSecretsInState();
    }

    /**
     * eks-3 (IPv4) and eks-2 (IPv6) pass GatherNetwork before either is recorded, and eks-3 rechecks before eks-2 is
     * recorded (forced, {@link HeldRegistration}): eks-3 onboards with an ipv4 gateway, and only eks-2's RecheckNetwork
     * can see that the mesh became mixed. Its onboarding runs again from GatherNetwork and switches eks-3's gateway
     * to dualstack before it lists its peers, with no ReconcileMesh run.
     */
    private void concurrentGateways() {
        out.println("  (the runner holds both RegisterMember calls until both clusters passed GatherNetwork, and eks-2's"
                + " until eks-3 has rechecked its network)");
        try (HeldRegistration held = HeldRegistration.hold(controller.lambda(), "eks-3", "eks-2", LIMIT)) {
            atOnce(List.of("eks-2", "eks-3"), LIMIT);
            expect(held.missed().isEmpty(), "the race was forced (let go by the limit: " + held.missed() + ")");
            expect(held.gathers().getOrDefault("eks-2", 0) == 4, "eks-2 gathered, rechecked, gathered again and"
                    + " rechecked its network (GatherNetwork ran " + held.gathers().get("eks-2") + " times)");
        }
        expectFullMesh("eks-1", "eks-2", "eks-3");
        expectGateways("dualstack", "eks-1", "eks-2", "eks-3");
        int reconciles = controller.executionCount("ReconcileMeshStateMachine");
        expect(reconciles == 0, "no ReconcileMesh ran (found " + reconciles + ")");
    }

    /** Removes the mesh tag from the cluster, and its UntagResource event starts ReconcileMesh, which must succeed. */
    private DescribeExecutionResponse untagMesh(String cluster) {
        controller.aws().eks(LocalController.REGION).untagResource(r -> r.resourceArn(clusterArn(cluster))
                .tagKeys("istio-mesh"));
        String untag = event("untag-resource-mesh.json", cluster).replace("cluster/eks-1", "cluster/" + cluster);
        DescribeExecutionResponse untagged = startByEvent(untag, cluster);
        expectStatus(cluster + " (untag)", untagged, ExecutionStatus.SUCCEEDED);
        return untagged;
    }

    /**
     * RemoveIstioOnLeave=true (a stack update): eks-3 joins again, loses its mesh tag again, and this time leaves
     * without mesh-onboarder's Istio: no Helm release, no cross-network Gateway, no cacerts.
     */
    private void removeIstioOnLeave() {
        out.println("eks-3 gets its mesh tag back and joins again (manual input):");
        controller.aws().eks(LocalController.REGION).tagResource(r -> r.resourceArn(clusterArn("eks-3"))
                .tags(Map.of("istio-mesh", "mesh1")));
        expectStatus("eks-3 (again)", progress.follow("eks-3",
                start("OnboardClusterStateMachine", "{\"clusterName\": \"eks-3\"}"), LIMIT), ExecutionStatus.SUCCEEDED);
        expectFullMesh("eks-1", "eks-2", "eks-3");

        out.println("RemoveIstioOnLeave=true (a stack update); the mesh tag is removed from eks-3 again:");
        controller.updateParameters(Map.of("RemoveIstioOnLeave", "true"));
        DescribeExecutionResponse untagged = untagMesh("eks-3");
        expectOutcome(untagged, "REPAIRED");
        expect(untagged.output().contains("mesh-onboarder's Istio removed from eks-3"),
                "the report lists Istio removed from eks-3");
        expectLeft("eks-3", "eks-1", "eks-2");
        var client = clusters.get("eks-3").client();
        expect(Summary.releases(clusters.get("eks-3")).isEmpty(), "no Istio release left on eks-3");
        expect(client.secrets().inNamespace("istio-system").withName("cacerts").get() == null,
                "no cacerts left on eks-3");
        expect(client.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace("istio-system")
                .withName("cross-network-gateway").get() == null, "no cross-network Gateway left on eks-3");
        expectFullMesh("eks-1", "eks-2");
    }

    /**
     * Istio drift. An east-west gateway left {@code ipv4} in a mixed mesh (switched back by hand; concurrent
     * onboardings converge by themselves, see the concurrent scenario) is switched to dualstack. {@code IstioVersion} bumped one minor
     * (a stack update) upgrades every member in one reconcile, one after the other, each ready before the next starts;
     * bumped two minors, it is refused and nothing is written.
     */
    private void istioDrift() {
        fault("eks-3's east-west gateway is switched back to ipv4 by hand",
                () -> gatewayAddressType("eks-3", meshonboarder.network.GatewayAddressType.IPV4),
                "istio-eastwestgateway NLB ipv4 -> dualstack", "eks-1", "eks-2", "eks-3");
        expectGateways("dualstack", "eks-1", "eks-2", "eks-3");

        out.println("fault: IstioVersion " + LocalRunner.ISTIO_VERSION + " -> " + LocalRunner.NEXT_ISTIO_VERSION
                + " (a stack update); one reconcile upgrades every member, one at a time");
        controller.updateParameters(Map.of("IstioVersion", LocalRunner.NEXT_ISTIO_VERSION));
        DescribeExecutionResponse upgrade = reconcile("{\"meshId\": \"mesh1\"}");
        expectOutcome(upgrade, "REPAIRED");
        for (String member : List.of("eks-1", "eks-2", "eks-3")) {
            expect(upgrade.output().contains("Istio of " + member + " (istio-base " + LocalRunner.ISTIO_VERSION + " -> "
                    + LocalRunner.NEXT_ISTIO_VERSION), "the report names the upgrade of " + member);
            Map<String, String> versions = istioVersions(member);
            expect(versions.values().stream().allMatch(LocalRunner.NEXT_ISTIO_VERSION::equals),
                    member + "'s releases run " + LocalRunner.NEXT_ISTIO_VERSION + " (" + versions + ")");
        }
        List<String> rollout = rolloutOrder(upgrade.executionArn());
        expect(rollout.equals(List.of("upgrade eks-1", "ready eks-1", "upgrade eks-2", "ready eks-2", "upgrade eks-3",
                "ready eks-3")), "the members were upgraded one at a time, each ready before the next (" + rollout + ")");
        expectFullMesh("eks-1", "eks-2", "eks-3");

        stoppedRollout();

        String skipped = "1.33.0";
        out.println("fault: IstioVersion " + LocalRunner.PATCH_ISTIO_VERSION + " -> " + skipped
                + " skips a minor: refused, nothing written");
        controller.updateParameters(Map.of("IstioVersion", skipped));
        expectNoWrites(() -> {
            DescribeExecutionResponse refused = reconcile("{\"meshId\": \"mesh1\"}");
            expectOutcome(refused, "DEGRADED");
            expect(refused.output().contains("meshonboarder.errors.IstioMinorSkipped")
                    && refused.output().contains("Upgrade through 1.32 first"), "the report names the refusal and its fix");
        }, "eks-1", "eks-2", "eks-3");
        controller.updateParameters(Map.of("IstioVersion", LocalRunner.PATCH_ISTIO_VERSION));
    }

    /**
     * A patch release whose rollout never finishes on eks-2 (its new istiod pods never come, with a readiness limit of
     * a few seconds): eks-1 is upgraded, the rollout stops at eks-2, eks-3 is not touched. Once eks-2 rolls out, the
     * next run upgrades eks-3.
     */
    private void stoppedRollout() {
        String patch = LocalRunner.PATCH_ISTIO_VERSION;
        out.println("fault: IstioVersion -> " + patch + " while eks-2's new istiod pods never come: the rollout stops there");
        clusters.get("eks-2").stallRollouts(true);
        controller.updateParameters(Map.of("IstioVersion", patch, "IstioReadyTimeoutSeconds", "4"));
        DescribeExecutionResponse stopped = reconcile("{\"meshId\": \"mesh1\"}");
        expectOutcome(stopped, "DEGRADED");
        expect(stopped.output().contains("Istio of eks-1 (") && stopped.output().contains("upgraded to " + patch),
                "the report names eks-1's upgrade");
        expect(stopped.output().contains("not upgraded: the rollout stopped here, meshonboarder.errors.WaitTimedOut"),
                "the report names the member the rollout stopped at, with its error");
        expect(stopped.output().contains("not upgraded: the rollout stopped at eks-2 before it"),
                "the report names eks-3 as not reached");
        expect(istioVersions("eks-1").get("istiod").equals(patch), "eks-1's istiod runs " + patch);
        expect(istioVersions("eks-3").get("istiod").equals(LocalRunner.NEXT_ISTIO_VERSION),
                "eks-3 was not touched (" + istioVersions("eks-3") + ")");
        expect(rolloutOrder(stopped.executionArn()).equals(List.of("upgrade eks-1", "ready eks-1", "upgrade eks-2")),
                "the rollout ended at eks-2 (" + rolloutOrder(stopped.executionArn()) + ")");

        out.println("eks-2's pods come: the next run goes on with eks-3");
        clusters.get("eks-2").stallRollouts(false);
        controller.updateParameters(Map.of("IstioReadyTimeoutSeconds", "900"));
        DescribeExecutionResponse resumed = reconcile("{\"meshId\": \"mesh1\"}");
        expectOutcome(resumed, "REPAIRED");
        expect(rolloutOrder(resumed.executionArn()).equals(List.of("upgrade eks-3", "ready eks-3")),
                "the next run upgrades eks-3 only (" + rolloutOrder(resumed.executionArn()) + ")");
        expectFullMesh("eks-1", "eks-2", "eks-3");
    }

    /** The member's Istio releases and their chart versions, from Helm's release Secrets. */
    private Map<String, String> istioVersions(String cluster) {
        Map<String, String> versions = new java.util.TreeMap<>();
        meshonboarder.kubernetes.istio.KubernetesIstioReleases.read(clusters.get(cluster).client(), cluster)
                .forEach((release, deployed) -> versions.put(release, deployed.chart().version()));
        return versions;
    }

    /** "upgrade eks-1", "ready eks-1", ...: the rollout's members as the history shows them entering and leaving. */
    private List<String> rolloutOrder(String executionArn) {
        List<String> order = new ArrayList<>();
        for (var event : controller.history(executionArn)) {
            var entered = event.stateEnteredEventDetails();
            if (entered != null && List.of("UpgradeMemberIstio", "MemberUpgraded").contains(entered.name())) {
                try {
                    String member = Json.MAPPER.readTree(entered.input()).path("cluster").path("clusterName").asText();
                    order.add(("UpgradeMemberIstio".equals(entered.name()) ? "upgrade " : "ready ") + member);
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
    private void gatewayAddressType(String cluster, meshonboarder.network.GatewayAddressType type) {
        var repository = meshonboarder.istio.ChartRepository.of("IstioChartRepository",
                controller.template().parameters().get("IstioChartRepository"));
        var helm = new meshonboarder.helm.HelmJavaAccess(meshonboarder.helm.ChartSources.of(repository, controller.aws()));
        meshonboarder.istio.GatewayFollower.follow(helm.connect(clusters.get(cluster).client()), type, "mesh1/" + cluster);
    }

    /**
     * How a peer is lost to mesh-onboarder during an onboarding, and how it comes back; {@code error} is what the
     * exchange with it fails with, and {@code retried} whether the state machine's Retry waits for it.
     */
    private record PeerOutage(String what, java.util.function.Consumer<SimulatedCluster> begin,
                              java.util.function.Consumer<SimulatedCluster> end, String back, String error,
                              boolean retried) {
    }

    /**
     * Where an onboarding is when the peer is lost: past InstallIstio, which in a mesh of both families also switches
     * every peer's east-west gateway to dualstack, so that a peer it cannot reach fails the whole onboarding
     * (docs/reconciler.md, "Limits").
     */
    private static final String OUTAGE_FROM = "EnsureReader";

    /** The peer's access entry is gone: its API server answers 401, AccessDenied, which no Retry matches. */
    private static final PeerOutage REFUSES = new PeerOutage("'s API server refuses mesh-onboarder (its access entry "
            + "is gone)", SimulatedCluster::refuseEveryone, SimulatedCluster::answerAgain, " answers again",
            "meshonboarder.errors.AccessDenied", false);

    /**
     * Nobody reaches the peer's API server (a private endpoint, a closed security group, an upgrade): connection
     * refused, Transient, which the ExchangeWithPeer Retry waits for until its attempts are spent. Refused rather
     * than dropped: a dropped SYN costs each attempt fabric8's connect timeout (10 s, three tries) on top of the
     * Retry's waits, and ends the same way.
     */
    private static final PeerOutage OFF_NETWORK = new PeerOutage("'s API server goes off the network (connections "
            + "refused)", SimulatedCluster::offNetwork, SimulatedCluster::backOnNetwork, " is reachable again",
            "meshonboarder.errors.Transient", true);

    /**
     * A peer lost during an onboarding, and back: while {@code cluster} joins, the outage keeps {@code peer} from
     * mesh-onboarder, so the exchange with it fails (at once, or once the Retry's attempts are spent) and the Map's
     * Catch records it UNREACHED; the onboarding ends PEERS_UNREACHED, and the other peers are exchanged with. The
     * peer comes back; the Announce step's event, matched against the template's rules as EventBridge would, starts
     * ReconcileMesh (PeersUnreachedRule), and that one run makes the mesh whole.
     */
    private void joinWhilePeerDown(String cluster, PeerOutage outage, String peer, String... others) {
        createInEks(cluster);
        out.println(cluster + " is created with the mesh tag; once its onboarding enters " + OUTAGE_FROM + ", " + peer
                + outage.what() + ":");
        DescribeExecutionResponse onboarding = null;
        long began = System.nanoTime();
        try {
            String arn = startByRule(createEvent(cluster), cluster);
            if (arn != null) {
                expect(controller.awaitEntered(arn, OUTAGE_FROM, LIMIT), cluster + "'s onboarding entered " + OUTAGE_FROM);
                outage.begin().accept(clusters.get(peer));
                // the Retry's waits alone can reach 195 s (5+10+20+40+60+60, full jitter) before the onboarding goes on
                onboarding = progress.follow(cluster, arn, outage.retried() ? LIMIT.multipliedBy(2) : LIMIT);
            }
        } finally {
            outage.end().accept(clusters.get(peer));
        }
        expect(onboarding != null && "meshonboarder.errors.PeersUnreached".equals(onboarding.error()),
                cluster + "'s onboarding ends PeersUnreached (was " + (onboarding == null ? null : onboarding.error()) + ")");
        if (onboarding != null) {
            long failures = exchangeFailures(onboarding.executionArn(), peer, outage.error());
            int attempts = outage.retried() ? 1 + transientRetries("OnboardClusterStateMachine", "ExchangeWithPeer") : 1;
            out.printf("  %-6s : the exchange with %s failed %d time%s with %s; the onboarding took %.0f s%n", cluster,
                    peer, failures, failures == 1 ? "" : "s", outage.error(), (System.nanoTime() - began) / 1e9);
            expect(failures == attempts, "the exchange with " + peer + " failed " + attempts + " times with "
                    + outage.error() + (outage.retried() ? " (the Retry's attempts spent)" : " (not retried)")
                    + ", not " + failures);
        }
        expect(!Summary.remoteSecrets(clusters.get(peer)).contains(cluster), peer + " does not hold " + cluster + " yet");
        for (String other : others) {
            expect(Summary.remoteSecrets(clusters.get(other)).contains(cluster), other + " holds " + cluster);
        }
        out.println(peer + outage.back() + "; the onboarding's announcement goes to EventBridge:");
        String announcement = announcedEvent("Cluster Onboarding Failed", cluster);
        expect(announcement != null && peersFailed(announcement).equals(List.of(peer)),
                "the announcement names " + peer + " as the one peer failed");
        DescribeExecutionResponse reconcile = announcement == null ? null : startByEvent(announcement, "mesh1");
        expectStatus("ReconcileMesh (peers unreached)", reconcile, ExecutionStatus.SUCCEEDED);
        expectOutcome(reconcile, "REPAIRED");
        // both ways: the exchange wrote neither the cluster into the peer nor the peer into the cluster
        for (String repair : List.of("remote secret of " + cluster + " rewritten (MISSING in " + peer + ")",
                "remote secret of " + peer + " rewritten (MISSING in " + cluster + ")")) {
            expect(reconcile != null && reconcile.output() != null && reconcile.output().contains(repair),
                    "the report names the repair '" + repair + "'");
        }
        List<String> mesh = new ArrayList<>(List.of(others));
        mesh.add(peer);
        mesh.add(cluster);
        expectFullMesh(mesh.toArray(String[]::new));
    }

    private static List<String> peersFailed(String event) {
        try {
            List<String> failed = new ArrayList<>();
            Json.MAPPER.readTree(event).path("detail").path("peersFailed").forEach(p -> failed.add(p.asText()));
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the execution's exchange with the peer failed with that error, from the functions' log lines. */
    private long exchangeFailures(String executionArn, String peer, String error) {
        String failed = "ExchangeRemoteSecrets failed with " + error.substring(error.lastIndexOf('.') + 1) + ": ";
        return controller.lambda().logLines().stream().filter(line -> {
            try {
                var json = Json.MAPPER.readTree(line);
                String message = json.path("message").asText();
                return executionArn.equals(json.path("executionArn").asText()) && message.startsWith(failed)
                        && message.contains("mesh1/" + peer);
            } catch (IOException e) {
                return false;
            }
        }).count();
    }

    /** MaxAttempts of the task's Retry for meshonboarder.errors.Transient, in the state machine as deployed. */
    private int transientRetries(String stateMachine, String task) {
        try {
            var definition = Json.MAPPER.readTree(controller.definition(stateMachine));
            var state = definition.findValues(task).stream().filter(n -> n.has("Retry")).findFirst().orElseThrow();
            for (var retrier : state.path("Retry")) {
                for (var error : retrier.path("ErrorEquals")) {
                    if ("meshonboarder.errors.Transient".equals(error.asText())) {
                        return retrier.path("MaxAttempts").asInt(3); // the ASL's default is 3
                    }
                }
            }
            throw new IllegalStateException(task + " of " + stateMachine + " does not retry meshonboarder.errors.Transient");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event EventBridge delivers for the Announce step's PutEvents entry of that detail type about that
     * cluster: the entry in EventBridge's envelope (source, detail-type, detail as JSON, account, region, time).
     */
    private String announcedEvent(String detailType, String cluster) {
        try {
            for (String request : controller.lambda().putEvents()) {
                for (var entry : Json.MAPPER.readTree(request).path("Entries")) {
                    var detail = Json.MAPPER.readTree(entry.path("Detail").asText());
                    if (detailType.equals(entry.path("DetailType").asText())
                            && cluster.equals(detail.path("clusterName").asText())) {
                        ObjectNode event = Json.MAPPER.createObjectNode();
                        event.put("version", "0");
                        event.put("id", java.util.UUID.randomUUID().toString());
                        event.put("detail-type", entry.path("DetailType").asText());
                        event.put("source", entry.path("Source").asText());
                        event.put("account", LocalController.ACCOUNT);
                        event.put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                        event.put("region", LocalController.REGION);
                        event.set("resources", entry.path("Resources"));
                        event.set("detail", detail);
                        return event.toString();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        problems.add("no '" + detailType + "' event about " + cluster + " was put on the bus");
        return null;
    }

    /** ReaderTokenRotationDays for the one rotating run: about 17 seconds, shorter than any token's age by then. */
    private static final String SHORT_ROTATION_DAYS = "0.0002";

    /**
     * Reader token rotation: ReaderTokenRotationDays is lowered for one run (a stack update), so that every member's
     * token is due. While that run goes on, every remote secret's token must be accepted by its cluster at every
     * look; after it, every peer holds the new token and the old one is refused (its Secret deleted). The parameter
     * then goes back to its default, and the scheduled run that follows must write nothing.
     */
    private void rotateReaderTokens(String... mesh) {
        out.println("fault: every reader token is older than ReaderTokenRotationDays (lowered to " + SHORT_ROTATION_DAYS
                + " days for one run)");
        Map<String, String> oldTokens = new LinkedHashMap<>();
        for (String subject : mesh) {
            String other = java.util.Arrays.stream(mesh).filter(n -> !n.equals(subject)).findFirst().orElseThrow();
            oldTokens.put(subject, TokenWatch.heldToken(clusters.get(other), subject));
        }
        awaitTokensOlderThan(Duration.ofMillis(Math.round(Double.parseDouble(SHORT_ROTATION_DAYS) * 86_400_000)), mesh);
        controller.updateParameters(Map.of("ReaderTokenRotationDays", SHORT_ROTATION_DAYS));
        DescribeExecutionResponse run;
        try (TokenWatch watch = new TokenWatch(clusters, List.of(mesh))) {
            run = reconcile("{\"meshId\": \"mesh1\"}");
            watch.close();
            out.println("  tokens : " + watch.looks() + " looks at every remote secret during the run; refused: "
                    + watch.refused());
            expect(watch.looks() > 10 && watch.refused().isEmpty(), "every remote secret's token was accepted at each of "
                    + watch.looks() + " looks during the rotation (refused: " + watch.refused() + ")");
        } finally {
            controller.updateParameters(Map.of("ReaderTokenRotationDays",
                    controller.template().parameterDefinitions().get("ReaderTokenRotationDays").get("Default").toString()));
        }
        expectOutcome(run, "REPAIRED");
        for (String subject : mesh) {
            SimulatedCluster cluster = clusters.get(subject);
            cluster.refreshTokens();
            expect(run != null && run.output() != null && run.output().contains("reader token of " + subject + " rotated"),
                    "the report names the rotation of " + subject + "'s reader token");
            expect(cluster.client().secrets().inNamespace("istio-system").withName(ReaderObjects.TOKEN_SECRET).get() == null,
                    subject + "'s old reader token Secret is deleted");
            expect(oldTokens.get(subject) != null && !cluster.authenticates(oldTokens.get(subject)),
                    subject + "'s API server refuses the old reader token");
            for (String holder : mesh) {
                String held = holder.equals(subject) ? null : TokenWatch.heldToken(clusters.get(holder), subject);
                expect(holder.equals(subject) || (held != null && !held.equals(oldTokens.get(subject))
                        && cluster.authenticates(held)), holder + " holds " + subject + "'s new reader token, and it works");
            }
        }
        expectFullMesh(mesh);
    }

    /** Waits until every member's reader token Secret is older than {@code age} (the API server sets its age). */
    private void awaitTokensOlderThan(Duration age, String... names) {
        java.time.Instant youngest = java.time.Instant.EPOCH;
        for (String n : names) {
            for (var secret : clusters.get(n).secrets("istio-system")) {
                if (ReaderObjects.isReaderToken(secret)) {
                    java.time.Instant created = java.time.Instant.parse(secret.getMetadata().getCreationTimestamp());
                    youngest = created.isAfter(youngest) ? created : youngest;
                }
            }
        }
        long wait = Duration.between(java.time.Instant.now(), youngest.plus(age).plusSeconds(1)).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Injects a fault, runs one reconcile by hand, and checks that it repaired it and the mesh is whole. */
    private void fault(String description, Runnable inject, String expectedRepair, String... mesh) {
        out.println("fault: " + description);
        inject.run();
        DescribeExecutionResponse run = reconcile("{\"meshId\": \"mesh1\"}");
        expectOutcome(run, "REPAIRED");
        expect(run != null && run.output() != null && run.output().contains(expectedRepair),
                "the report names the repair '" + expectedRepair + "'");
        expectFullMesh(mesh);
    }

    private DescribeExecutionResponse reconcile(String input) {
        String arn = start("ReconcileMeshStateMachine", input);
        DescribeExecutionResponse run = progress.follow("mesh1", arn, LIMIT);
        expectStatus("ReconcileMesh", run, ExecutionStatus.SUCCEEDED);
        String history = controller.stateText(arn);
        expect(!history.contains("publishError") && !history.contains("metricsError"),
                "the run put its event on the bus and its metrics into CloudWatch");
        return run;
    }

    /** As EventBridge Scheduler starts it, with the template's input: every mesh, here the one. */
    private DescribeExecutionResponse scheduledRun() {
        Map<String, Object> target = Template.map(controller.template().properties("ReconcileMeshSchedule"), "Target");
        return reconcile(target.get("Input").toString());
    }

    /** The outcome of the run's one mesh (its output lists a report per mesh). */
    private void expectOutcome(DescribeExecutionResponse run, String outcome) {
        String actual = null;
        if (run != null && run.output() != null) {
            try {
                var meshes = Json.MAPPER.readTree(run.output()).path("meshes");
                expect(meshes.size() == 1, "the run reports one mesh (" + meshes.size() + ")");
                actual = meshes.path(0).path("outcome").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        expect(outcome.equals(actual), "the reconcile reports " + outcome + " (was " + actual + ")");
    }

    /** The departed member is out of every peer, out of the membership records, and its intermediate CA retired. */
    private void expectLeft(String departed, String... peers) {
        for (String peer : peers) {
            expect(!Summary.remoteSecrets(clusters.get(peer)).contains(departed), peer + " no longer holds " + departed);
        }
        var members = new meshonboarder.aws.SsmMeshMembers(controller.aws(), "istio-mesh").list("mesh1");
        expect(members.stream().noneMatch(m -> m.clusterName().equals(departed)), departed + " is no member any more");
        String ca = "istio-mesh/mesh1/clusters/" + departed + "/intermediate-ca";
        expect(controller.aws().secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate() != null,
                departed + "'s intermediate CA is scheduled for deletion");
    }

    /**
     * Runs the action and checks that it wrote nothing: every object keeps its resourceVersion, the clusters' API
     * servers saw only reads, and the AWS calls wrote nothing but the run's own report (its event and metrics).
     */
    private void expectNoWrites(Runnable action, String... names) {
        Map<String, String> before = versions(names);
        Map<String, Map<String, Long>> kubeBefore = new LinkedHashMap<>();
        for (String n : names) {
            kubeBefore.put(n, clusters.get(n).apiRequests());
        }
        Map<String, Long> awsBefore = controller.lambda().calls();
        action.run();
        expect(before.equals(versions(names)), "no object of " + List.of(names) + " changed");
        for (String n : names) {
            Map<String, Long> after = clusters.get(n).apiRequests();
            after.forEach((method, count) -> expect("GET".equals(method)
                            || count.equals(kubeBefore.get(n).getOrDefault(method, 0L)),
                    n + "'s API server saw no " + method + " (" + (count - kubeBefore.get(n).getOrDefault(method, 0L)) + ")"));
        }
        Map<String, Long> awsAfter = controller.lambda().calls();
        awsAfter.forEach((call, count) -> {
            long made = count - awsBefore.getOrDefault(call, 0L);
            expect(made == 0 || !ReconcileWrites.isWrite(call), "no AWS write " + call + " (" + made + ")");
        });
        for (String report : List.of("events PutEvents", "monitoring PutMetricData")) {
            long made = awsAfter.getOrDefault(report, 0L) - awsBefore.getOrDefault(report, 0L);
            expect(made == 1, "one " + report + " for the run (" + made + ")");
        }
    }

    /** Replaces the member's intermediate in Secrets Manager by one, signed by the mesh root, that ends in 10 days. */
    private void shortLivedIntermediate(String cluster) {
        var secrets = controller.aws().secretsManager();
        try {
            var root = meshonboarder.pki.CaSecretValue.read(
                    secrets.getSecretValue(r -> r.secretId("istio-mesh/mesh1/root-ca")).secretString(), "root-ca");
            var generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            var ca = meshonboarder.pki.CaCertificates.intermediate(root, "mesh1", cluster, generator.generateKeyPair(),
                    Duration.ofDays(10), java.time.Instant.now(), new java.security.SecureRandom());
            secrets.putSecretValue(r -> r.secretId("istio-mesh/mesh1/clusters/" + cluster + "/intermediate-ca")
                    .secretString(meshonboarder.pki.CaSecretValue.write(ca)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a variable of the aws-node container by hand, as someone resetting the CNI would. */
    private void setAwsNodeVariable(String cluster, String name, String value) {
        clusters.get(cluster).client().apps().daemonSets().inNamespace("kube-system").withName("aws-node")
                .edit(d -> new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder(d).editSpec().editTemplate()
                        .editSpec().editMatchingContainer(c -> "aws-node".equals(c.getName()))
                        .removeMatchingFromEnv(e -> name.equals(e.getName()))
                        .addNewEnv().withName(name).withValue(value).endEnv()
                        .endContainer().endSpec().endTemplate().endSpec().build());
    }

    private String awsNodeVariable(String cluster, String name) {
        var awsNode = clusters.get(cluster).client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        return awsNode.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "aws-node".equals(c.getName())).flatMap(c -> c.getEnv().stream())
                .filter(e -> name.equals(e.getName())).map(io.fabric8.kubernetes.api.model.EnvVar::getValue)
                .findFirst().orElse(null);
    }

    /** Until the stand-in DaemonSet controller has rolled aws-node out: its status write is no write of the controller's. */
    private void awaitAwsNodeRollout(String cluster) {
        java.time.Instant until = java.time.Instant.now().plus(Duration.ofSeconds(30));
        while (java.time.Instant.now().isBefore(until)) {
            var awsNode = clusters.get(cluster).client().apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
            if (meshonboarder.kubernetes.cni.AwsNodeDaemonSet.pendingRollout(awsNode).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        problems.add(cluster + "'s aws-node rolled out within 30 s");
    }

    private void deleteSecret(String cluster, String name) {
        clusters.get(cluster).client().secrets().inNamespace("istio-system").withName(name).delete();
    }

    private static String clusterArn(String cluster) {
        return "arn:aws:eks:" + LocalController.REGION + ":" + LocalController.ACCOUNT + ":cluster/" + cluster;
    }

    private String start(String machine, String input) {
        String arn = controller.start(machine, input);
        executions.add(arn);
        return arn;
    }

    /**
     * No secret material in any execution's state: every state's input and output, as Step Functions keeps
     * them in the history, is free of private keys, EKS tokens, kubeconfigs and the reader tokens the stand-in
     * token controller issued.
     */
    private void expectNoSecretsInState() {
        List<String> tokens = readerTokens();
        for (String arn : List.copyOf(executions)) {
            String history = controller.stateText(arn);
            expect(history.contains("\"clusterName\""), "the state of " + arn + " was read");
            for (String secret : SECRET_MARKERS) {
                expect(!history.contains(secret), "no '" + secret + "' in the state of " + arn);
            }
            tokens.forEach(t -> expect(!history.contains(t), "no reader token in the state of " + arn));
        }
        expect(!tokens.isEmpty(), "the reader tokens were issued (so the check above looked for something)");
    }

    /** What secret material looks like: private keys, EKS tokens, kubeconfigs. */
    private static final List<String> SECRET_MARKERS = List.of("PRIVATE KEY", "k8s-aws-v1.", "apiVersion: v1\nclusters:",
            "client-key-data");

    /** The reader tokens the stand-in token controllers issued. */
    private List<String> readerTokens() {
        List<String> tokens = new ArrayList<>();
        clusters.values().forEach(c -> c.secrets("istio-system").stream()
                .filter(x -> "kubernetes.io/service-account-token".equals(x.getType()) && x.getData() != null
                        && x.getData().containsKey("token"))
                .forEach(x -> tokens.add(new String(java.util.Base64.getDecoder().decode(x.getData().get("token")),
                        java.nio.charset.StandardCharsets.UTF_8))));
        return tokens;
    }

    /**
     * The functions' log lines, as Lambda receives them: each a JSON object with its level, message, step and
     * execution ARN (one of this scenario's executions), the cluster it is about and, once Resolve has found it, the
     * mesh; every function the scenario invoked wrote at least one; and none holds secret material (the same
     * markers and reader tokens as the execution state). One problem per kind, naming the first line.
     */
    private void expectCleanLogs() {
        List<String> lines = controller.lambda().logLines();
        List<String> tokens = readerTokens();
        java.util.Set<String> steps = new java.util.TreeSet<>();
        Map<String, String> firstBad = new LinkedHashMap<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode json;
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
            // Resolve finds the mesh, and PlanReconcile by schedule plans every mesh
            if (name != Name.BAD_INPUT && !step.startsWith("Resolve") && !step.equals("PlanReconcile")
                    && !json.path("meshId").isTextual()) {
                firstBad.putIfAbsent("has meshId", line);
            }
            SECRET_MARKERS.stream().filter(line::contains).findFirst()
                    .ifPresent(m -> firstBad.putIfAbsent("holds no secret material ('" + m + "')", line));
            tokens.stream().filter(line::contains).findFirst()
                    .ifPresent(t -> firstBad.putIfAbsent("holds no reader token", line));
        }
        firstBad.forEach((what, line) -> problems.add("every function log line " + what + ", not: " + line));
        for (String function : controller.template().resources("AWS::Serverless::Function").keySet()) {
            String step = function.replaceFirst("Function$", "");
            expect(controller.lambda().lastInput(function) == null || steps.contains(step),
                    step + " wrote a log line (it was invoked)");
        }
    }

    /** Onboards a cluster: the seed member by manual input, a new one by its CreateCluster event. */
    private void join(String cluster, boolean byEvent) {
        createInEks(cluster);
        String input;
        if (byEvent) {
            out.println(cluster + " is created with the mesh tag (CreateCluster event):");
            input = createEvent(cluster);
            expectStatus(cluster, startByEvent(input, cluster), ExecutionStatus.SUCCEEDED);
        } else {
            out.println(cluster + " joins mesh1 (manual input):");
            input = "{\"clusterName\": \"" + cluster + "\"}";
            expectStatus(cluster, progress.follow(cluster, start("OnboardClusterStateMachine", input), LIMIT),
                    ExecutionStatus.SUCCEEDED);
        }
    }

    /**
     * Runs the cluster's onboarding again by hand: it must succeed and write nothing (every object in
     * istio-system and kube-system keeps its resourceVersion, no new Helm revision).
     */
    private void rerunChangesNothing(String cluster, String... watched) {
        Map<String, String> before = versions(watched);
        out.println(cluster + " is onboarded again (manual input): it must change nothing");
        DescribeExecutionResponse again = progress.follow(cluster,
                start("OnboardClusterStateMachine", "{\"clusterName\": \"" + cluster + "\"}"), LIMIT);
        expectStatus(cluster + " (again)", again, ExecutionStatus.SUCCEEDED);
        Map<String, String> after = versions(watched);
        expect(before.equals(after), "a second onboarding of " + cluster + " writes nothing (changed: "
                + after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                        .map(Map.Entry::getKey).toList() + ")");
    }

    /** resourceVersion of every Secret, ConfigMap, Deployment and DaemonSet the mesh touches, by "cluster/kind/ns/name". */
    private Map<String, String> versions(String... names) {
        Map<String, String> versions = new java.util.TreeMap<>();
        for (String n : names) {
            var client = clusters.get(n).client();
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

    /** As EventBridge would: the rules of template.yaml decide which machine the event starts. */
    private DescribeExecutionResponse startByEvent(String event, String label) {
        String arn = startByRule(event, label);
        return arn == null ? null : progress.follow(label, arn, LIMIT);
    }

    /** The execution the event's rule started, or null (a problem) when not exactly one rule matches. */
    private String startByRule(String event, String label) {
        List<String> rules = controller.rules().matching(event);
        if (rules.size() != 1) {
            problems.add("expected one rule to match the event, got " + rules);
            return null;
        }
        String machine = controller.rules().target(rules.get(0));
        out.printf("  %-6s : rule %s starts %s%n", label, rules.get(0), machine);
        return start(machine, event);
    }

    /**
     * Starts every cluster's onboarding by its CreateCluster event, all at once, and follows them side by side (a
     * thread each: a follow is mostly waiting). Each must SUCCEED within the limit; one that has not ended by then
     * is a problem naming the states it is still in.
     */
    private void atOnce(List<String> names, Duration limit) {
        Map<String, String> started = new LinkedHashMap<>();
        names.forEach(n -> started.put(n, startByRule(createEvent(n), n)));
        started.values().removeIf(java.util.Objects::isNull);
        Map<String, CompletableFuture<DescribeExecutionResponse>> following = new LinkedHashMap<>();
        started.forEach((n, arn) -> {
            CompletableFuture<DescribeExecutionResponse> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(progress.follow(n, arn, limit));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }, "follow-" + n);
            t.setDaemon(true);
            t.start();
            following.put(n, f);
        });
        java.time.Instant deadline = java.time.Instant.now().plus(limit).plusSeconds(30);
        List<String> unfinished = new ArrayList<>();
        following.forEach((n, f) -> {
            DescribeExecutionResponse execution = null;
            String failure = null;
            try {
                execution = f.get(Math.max(1, Duration.between(java.time.Instant.now(), deadline).toMillis()),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                failure = "not followed to its end";
            } catch (java.util.concurrent.ExecutionException e) {
                failure = "not followed to its end (" + e.getCause() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            if (execution != null && execution.status() != ExecutionStatus.RUNNING) {
                expectStatus(n, execution, ExecutionStatus.SUCCEEDED);
            } else {
                unfinished.add(n + " " + controller.whereIs(started.get(n))
                        + (failure == null ? "" : ", " + failure));
            }
        });
        expect(unfinished.isEmpty(), "every onboarding ends within " + limit + "; still running: " + unfinished);
    }

    private String createEvent(String cluster) {
        return event("create-cluster-tagged.json", cluster);
    }

    private String event(String file, String cluster) {
        try (InputStream in = Scenario.class.getResourceAsStream("/events/" + file)) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(in);
            ObjectNode parameters = (ObjectNode) event.path("detail").path("requestParameters");
            parameters.put("name", cluster);
            if (parameters.has("tags")) {
                ObjectNode tags = (ObjectNode) parameters.path("tags");
                tags.put("istio-network", network(cluster));
            }
            if (parameters.has("kubernetesNetworkConfig")) {
                ((ObjectNode) parameters.path("kubernetesNetworkConfig")).put("ipFamily",
                        clusters.get(cluster).ipFamily().value());
            }
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String network(String cluster) {
        return name == Name.SINGLE_NETWORK ? "network1" : "network" + cluster.substring(cluster.indexOf('-') + 1);
    }

    private void createInEks(String cluster) {
        createInEks(cluster, Map.of("istio-mesh", "mesh1", "istio-network", network(cluster)));
    }

    private void createInEks(String cluster, Map<String, String> tags) {
        Vpcs.Vpc vpc = vpc(network(cluster));
        List<String> subnets = vpc.subnetIds();
        clusters.get(cluster).placeLoadBalancers(service -> Vpcs.refusal(controller.aws().ec2(LocalController.REGION), vpc.vpcId(), service));
        controller.aws().eks(LocalController.REGION).createCluster(r -> r.name(cluster)
                .roleArn("arn:aws:iam::" + LocalController.ACCOUNT + ":role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds(subnets))
                .kubernetesNetworkConfig(k -> k.ipFamily(clusters.get(cluster).ipFamily().value()))
                .tags(tags));
    }

    /**
     * A network's VPC (in moto's EC2), made on first use: in the seed, eks-1's network is a single-stack IPv4 VPC
     * as in the AWS post; every other one is dual-stack.
     */
    private Vpcs.Vpc vpc(String network) {
        return vpcs.computeIfAbsent(network, n -> name == Name.SEED && n.equals(network("eks-1"))
                ? Vpcs.ipv4Only(controller.aws().ec2(LocalController.REGION), "10.0.0.0/16") : Vpcs.dualStack(controller.aws().ec2(LocalController.REGION), "10.0.0.0/16"));
    }

    /** Every named cluster's east-west gateway asks for this NLB address type and has its address. */
    private void expectGateways(String addressType, String... names) {
        for (String n : names) {
            Summary.Gateway gateway = Summary.eastWest(clusters.get(n));
            expect(gateway != null && addressType.equals(gateway.addressType()), n + "'s east-west gateway is "
                    + addressType + " (was " + gateway + ")");
            expect(gateway != null && gateway.address() != null, n + "'s east-west gateway has its load balancer address");
        }
    }

    private void expectFullMesh(String... names) {
        for (String holder : names) {
            for (String other : names) {
                if (!holder.equals(other)) {
                    expect(Summary.remoteSecrets(clusters.get(holder)).contains(other),
                            holder + " holds the remote secret of " + other);
                }
            }
            expect(Summary.caChain(clusters.get(holder)) != null, holder + " has cacerts");
        }
        // the certificates, not their subjects: two roots raced into being would share a subject
        long roots = java.util.Arrays.stream(names).map(n -> Summary.rootCertificate(clusters.get(n)))
                .filter(java.util.Objects::nonNull).distinct().count();
        expect(roots == 1, "every member chains to one mesh root (found " + roots + " root certificates)");
    }

    private void expectStatus(String label, DescribeExecutionResponse execution, ExecutionStatus status) {
        expect(execution != null && execution.status() == status, label + "'s execution ends " + status
                + (execution == null || execution.error() == null ? "" : " (was " + execution.status() + " "
                + execution.error() + ")"));
    }

    private void expect(boolean condition, String what) {
        if (!condition) {
            problems.add(what);
        }
    }
}
