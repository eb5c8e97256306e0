package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import meshonboarder.announce.AnnounceService;
import meshonboarder.announce.Announcement;
import meshonboarder.announce.AnnouncementOutcome;
import meshonboarder.announce.Operation;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.SecretsManagerIntermediateCas.CaRecoveryWindow;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.testing.MeshTables;
import meshonboarder.aws.SecretsManagerIntermediateCas;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.ResolveService;
import meshonboarder.discovery.InMemoryOnboardingRecords;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.errors.Transient;
import meshonboarder.join.Admission;
import meshonboarder.join.JoinPolicies;
import meshonboarder.join.OrganizationalUnits;
import meshonboarder.json.Json;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.mesh.ListPeersService;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.Peers;
import meshonboarder.mesh.RegisterMemberService;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.CaRetirement;
import meshonboarder.remote.EnsureReaderService;
import meshonboarder.remote.ExchangeRemoteSecretsService;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.remote.ReaderWait;
import meshonboarder.remote.RemoveRemoteSecretService;
import meshonboarder.remote.RetireMemberService;
import meshonboarder.remote.Retirement;
import meshonboarder.settings.MeshMode;
import meshonboarder.settings.MeshSettings;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoEks;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.TokenController;
import meshonboarder.wait.PollPolicy;
import meshonboarder.istio.IstioReleasePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.IpFamily;

/**
 * The remote-secret part of both state machines at the service level: EKS, SSM and Secrets Manager on a moto
 * server, one fabric8 mock API server per cluster. The steps run in the ASL's order (EnsureReader, RegisterMember,
 * ListPeers, the ExchangeRemoteSecrets Map; ListPeers, the RemoveRemoteSecret Map, RetireMember), and a Map item that
 * keeps failing becomes the Catch's UNREACHED item, as in the ASL.
 *
 * <p>Remote secrets name the mock servers' endpoints and CAs ({@link ApiServers}), not moto's: moto gives every
 * cluster of a region the same invented endpoint and random text for a CA, so only the stand-ins' own values show
 * that a kubeconfig written into one cluster really reaches the other.
 */
class RemoteSecretsFlowTest {

    private static final String REGION = MotoServer.REGION;

    private final AwsClients aws = MotoServer.aws();
    private final String mesh = MotoServer.unique("mesh");
    private final MeshSettings settings = new MeshSettings("istio-mesh", "istio-network", MeshMode.MULTI_NETWORK,
            "istio-mesh", REGION, List.of(REGION));
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<Announcement> announced = new ArrayList<>();

    private MockClusters clusters;
    private ClusterConnector connector;
    private ResolveService resolve;
    private RegisterMemberService registration;
    private ListPeersService peerList;
    private EnsureReaderService reader;
    private ExchangeRemoteSecretsService exchange;
    private RemoveRemoteSecretService removal;
    private RetireMemberService retire;
    private AnnounceService announce;
    private DynamoMeshMembers members;

    @BeforeEach
    void wire() {
        clusters = new MockClusters();
        // a cluster in 'down' answers nothing: a client of a closed port, as an API server out of reach
        connector = (region, name) -> down.contains(name) ? unreachable() : clusters.client(name);
        ApiServers apiServers = (region, name) -> new ApiServer(clusters.endpoint(name),
                clusters.certificateAuthority(name), true);
        AwsEksClusters eks = new AwsEksClusters(aws);
        members = new DynamoMeshMembers(aws.dynamoDb(), MeshTables.ensure());
        resolve = new ResolveService(eks, settings,
                new Admission(JoinPolicies.parse("123456789012", ""), OrganizationalUnits.NONE, members),
                IstioReleasePolicy.DEFAULT_VERSION);
        registration = new RegisterMemberService(members);
        peerList = new ListPeersService(members, eks);
        KubernetesRemoteSecretClusters remoteSecretClusters = new KubernetesRemoteSecretClusters(connector);
        reader = new EnsureReaderService(remoteSecretClusters, new PollPolicy(1, 5));
        exchange = new ExchangeRemoteSecretsService(remoteSecretClusters, apiServers, new ExchangeSettings(false));
        removal = new RemoveRemoteSecretService(remoteSecretClusters);
        retire = new RetireMemberService(members, new SecretsManagerIntermediateCas(aws, settings.secretPrefix(),
                new CaRecoveryWindow(7)));
        announce = new AnnounceService((announcement, executionArn) -> announced.add(announcement),
                new InMemoryOnboardingRecords(), "us-east-1", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    @Test
    void onboard_whenThirdClusterJoinsTwoMemberMesh_eachClusterHoldsExactlyTheOtherTwo() {
        Cluster a = cluster("a");
        Cluster b = cluster("b");
        Cluster c = cluster("c");
        assertThat(onboard(a)).isEmpty();
        assertThat(onboard(b)).singleElement().satisfies(r -> assertExchanged(r, "CREATED", "CREATED"));

        List<JsonNode> results = onboard(c);

        assertThat(results).hasSize(2).allSatisfy(r -> assertExchanged(r, "CREATED", "CREATED"));
        assertThat(results).extracting(r -> r.at("/peer/clusterName").asText())
                .containsExactlyInAnyOrder(a.clusterName(), b.clusterName());
        assertFullyMeshed(a, b, c);
        assertThat(announce(c, results).outcome()).isEqualTo(AnnouncementOutcome.ONBOARDED);
        assertThat(Json.MAPPER.valueToTree(results).toString()).doesNotContain(readerToken(a), readerToken(c));
    }

    @Test
    void onboard_whenRunAgain_changesNothing() {
        Cluster a = cluster("a");
        Cluster b = cluster("b");
        Cluster c = cluster("c");
        onboard(a);
        onboard(b);
        onboard(c);
        Map<String, String> versions = resourceVersions(a, b, c);

        List<JsonNode> again = onboard(c);

        assertThat(again).hasSize(2).allSatisfy(r -> assertExchanged(r, "UNCHANGED", "UNCHANGED"));
        assertThat(resourceVersions(a, b, c)).isEqualTo(versions);
        assertFullyMeshed(a, b, c);
    }

    @Test
    void onboard_whenTwoClustersJoinAtOnce_allThreeEndFullyMeshed() throws Exception {
        Cluster a = cluster("a");
        Cluster x = cluster("x");
        Cluster y = cluster("y");
        onboard(a);
        // both register, then both list: each sees the other, and both write the x-y pair at the same time
        CyclicBarrier registered = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<JsonNode>> fromX = threads.submit(() -> onboard(x, registered));
            Future<List<JsonNode>> fromY = threads.submit(() -> onboard(y, registered));

            assertThat(fromX.get()).hasSize(2).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("EXCHANGED"));
            assertThat(fromY.get()).hasSize(2).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("EXCHANGED"));
        } finally {
            threads.shutdownNow();
        }

        assertFullyMeshed(a, x, y);
    }

    @Test
    void onboard_whenOneListsBeforeTheOtherRegisters_theSecondPeersBoth() {
        Cluster a = cluster("a");
        Cluster x = cluster("x");
        Cluster y = cluster("y");
        onboard(a);
        ensureReader(x);
        ensureReader(y);

        // x lists before y is a member: x peers with a only; y, registering later, sees x and writes the pair
        registration.register(x, null);
        List<Member> xPeers = peerList.peers(mesh, x.clusterName(), REGION, 10).peers();
        registration.register(y, null);
        List<Member> yPeers = peerList.peers(mesh, y.clusterName(), REGION, 10).peers();
        xPeers.forEach(p -> exchangeOrUnreached(x, p));
        yPeers.forEach(p -> exchangeOrUnreached(y, p));

        assertThat(xPeers).extracting(Member::clusterName).containsExactly(a.clusterName());
        assertThat(yPeers).extracting(Member::clusterName).containsExactlyInAnyOrder(a.clusterName(), x.clusterName());
        assertFullyMeshed(a, x, y);
    }

    @Test
    void onboard_whenAPeerIsUnreachable_reportsItAndARerunCompletes() {
        Cluster a = cluster("a");
        Cluster b = cluster("b");
        Cluster c = cluster("c");
        onboard(a);
        onboard(b);
        down.add(b.clusterName());

        List<JsonNode> first = onboard(c);

        JsonNode unreached = first.stream().filter(r -> r.path("status").asText().equals("UNREACHED")).findFirst()
                .orElseThrow();
        assertThat(unreached.at("/peer/clusterName").asText()).isEqualTo(b.clusterName());
        assertThat(unreached.path("error").asText()).isEqualTo(Transient.class.getName());
        assertThat(first).filteredOn(r -> r.path("status").asText().equals("EXCHANGED")).singleElement()
                .satisfies(r -> assertThat(r.at("/peer/clusterName").asText()).isEqualTo(a.clusterName()));
        Announcement failed = announce(c, first);
        assertThat(failed.outcome()).isEqualTo(AnnouncementOutcome.PEERS_UNREACHED);
        assertThat(failed.peersFailed()).containsExactly(b.clusterName());

        down.clear();
        List<JsonNode> rerun = onboard(c);

        assertThat(rerun).filteredOn(r -> r.at("/peer/clusterName").asText().equals(a.clusterName())).singleElement()
                .satisfies(r -> assertExchanged(r, "UNCHANGED", "UNCHANGED"));
        assertThat(rerun).filteredOn(r -> r.at("/peer/clusterName").asText().equals(b.clusterName())).singleElement()
                .satisfies(r -> assertExchanged(r, "CREATED", "CREATED"));
        assertThat(announce(c, rerun).outcome()).isEqualTo(AnnouncementOutcome.ONBOARDED);
        assertFullyMeshed(a, b, c);
    }

    @Test
    void offboard_whenMemberIsDeleted_removesItsSecretEverywhereAndRetiresIt() {
        Cluster a = cluster("a");
        Cluster b = cluster("b");
        Cluster c = cluster("c");
        onboard(a);
        onboard(b);
        onboard(c);
        String ca = settings.secretPrefix() + "/" + mesh + "/clusters/" + c.clusterName() + "/intermediate-ca";
        aws.secretsManager().createSecret(r -> r.name(ca).secretString("{\"ca-cert.pem\": \"...\"}"));
        Member departing = members.find(c.clusterName(), REGION).orElseThrow();
        aws.eks(REGION).deleteCluster(r -> r.name(c.clusterName()));

        Retirement retirement = offboard(departing);

        assertThat(retirement.retired()).isTrue();
        assertThat(retirement.intermediateCa()).isEqualTo(CaRetirement.SCHEDULED_FOR_DELETION);
        assertThat(aws.secretsManager().describeSecret(r -> r.secretId(ca)).deletedDate()).isNotNull();
        assertThat(members.find(c.clusterName(), REGION)).isEmpty();
        assertFullyMeshed(a, b);
        assertThat(offboard(departing).intermediateCa()).isEqualTo(CaRetirement.SCHEDULED_FOR_DELETION);
    }

    @Test
    void offboard_whenAPeerIsUnreachable_keepsTheMembershipUntilARerunFinishes() {
        Cluster a = cluster("a");
        Cluster b = cluster("b");
        Cluster c = cluster("c");
        onboard(a);
        onboard(b);
        onboard(c);
        Member departing = members.find(c.clusterName(), REGION).orElseThrow();
        down.add(b.clusterName());

        Retirement blocked = offboard(departing);

        assertThat(blocked.retired()).isFalse();
        assertThat(blocked.unreached()).containsExactly(b.clusterName());
        assertThat(members.find(c.clusterName(), REGION)).isPresent();
        assertThat(remoteSecrets(a)).containsExactly(RemoteSecret.name(b.clusterName()));

        down.clear();
        Retirement rerun = offboard(departing);

        assertThat(rerun.retired()).isTrue();
        assertThat(rerun.intermediateCa()).isEqualTo(CaRetirement.ABSENT);
        assertFullyMeshed(a, b);
    }

    // ---------------------------------------------------------------- the state machines' order of steps

    private List<JsonNode> onboard(Cluster cluster) {
        return onboard(cluster, null);
    }

    /** EnsureReader loop, RegisterMember, ListPeers, then the ExchangeRemoteSecrets Map. */
    private List<JsonNode> onboard(Cluster cluster, CyclicBarrier afterRegistering) throws RuntimeException {
        ensureReader(cluster);
        registration.register(cluster, null);
        if (afterRegistering != null) {
            try {
                afterRegistering.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Peers peers = peerList.peers(cluster.meshId(), cluster.clusterName(), cluster.region(), 10);
        return peers.peers().parallelStream().map(peer -> exchangeOrUnreached(cluster, peer)).toList();
    }

    private void ensureReader(Cluster cluster) {
        ReaderWait check = reader.check(cluster, null);
        if (!check.ready()) {
            try (KubernetesClient client = clusters.client(cluster.clusterName())) {
                TokenController.fill(client, "istio-system", clusters.certificateAuthority(cluster.clusterName()));
            }
            check = reader.check(cluster, check);
        }
        assertThat(check.ready()).isTrue();
    }

    /** One Map item: Retry on Transient (a few quick attempts here), then the Catch's UNREACHED item. */
    private JsonNode exchangeOrUnreached(Cluster cluster, Member peer) {
        return mapItem(peer, () -> exchange.exchange(cluster, peer));
    }

    /** ListPeers, the RemoveRemoteSecret Map, RetireMember. */
    private Retirement offboard(Member departing) {
        Peers peers = peerList.peers(departing.meshId(), departing.clusterName(), departing.region(), 10);
        List<JsonNode> removals = peers.peers().parallelStream()
                .map(peer -> mapItem(peer, () -> removal.remove(departing, peer, false))).toList();
        return retire.retire(departing, removals);
    }

    private static JsonNode mapItem(Member peer, Supplier<Object> step) {
        MeshOnboarderError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return Json.MAPPER.valueToTree(step.get());
            } catch (Transient e) {
                last = e;
            } catch (MeshOnboarderError e) {
                last = e;
                break;
            }
        }
        ObjectNode unreached = Json.MAPPER.createObjectNode();
        unreached.set("peer", Json.MAPPER.valueToTree(peer));
        unreached.put("status", "UNREACHED");
        unreached.put("error", last.errorName());
        unreached.put("cause", last.getMessage());
        return unreached;
    }

    private Announcement announce(Cluster cluster, List<JsonNode> exchange) {
        ObjectNode state = Json.MAPPER.createObjectNode();
        state.set("cluster", Json.MAPPER.valueToTree(cluster));
        state.set("exchange", Json.MAPPER.valueToTree(exchange));
        return announce.announce(Operation.ONBOARD, "arn:aws:states:us-east-1:123456789012:execution:test", state);
    }

    // ---------------------------------------------------------------- fixtures and checks

    /** A tagged cluster in moto and its stand-in API server, resolved as the Resolve step would. */
    private Cluster cluster(String suffix) {
        String name = MotoServer.unique("eks-" + suffix);
        MotoEks.createCluster(name, REGION, IpFamily.IPV4, Map.of("istio-mesh", mesh, "istio-network", "net-" + suffix));
        clusters.start(name);
        return resolve.resolve(Json.MAPPER.createObjectNode().put("clusterName", name));
    }

    private static void assertExchanged(JsonNode result, String intoCluster, String intoPeer) {
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("EXCHANGED");
        assertThat(result.path("intoCluster").asText()).as(result.toString()).isEqualTo(intoCluster);
        assertThat(result.path("intoPeer").asText()).as(result.toString()).isEqualTo(intoPeer);
    }

    /** Each cluster holds the remote secrets of all the others and no more, each reaching its cluster as its reader. */
    private void assertFullyMeshed(Cluster... meshed) {
        for (Cluster holder : meshed) {
            Set<String> others = Arrays.stream(meshed).map(Cluster::clusterName)
                    .filter(n -> !n.equals(holder.clusterName())).collect(Collectors.toSet());
            assertThat(remoteSecrets(holder)).as("remote secrets in " + holder.clusterName())
                    .containsExactlyInAnyOrderElementsOf(others.stream().map(RemoteSecret::name).toList());
            try (KubernetesClient client = clusters.client(holder.clusterName())) {
                for (String other : others) {
                    Secret secret = client.secrets().inNamespace("istio-system").withName(RemoteSecret.name(other)).get();
                    assertThat(secret.getMetadata().getAnnotations()).containsEntry("networking.istio.io/cluster", other);
                    assertThat(secret.getData()).containsOnlyKeys(other);
                    Config config = Config.fromKubeconfig(new String(Base64.getDecoder().decode(secret.getData().get(other)),
                            StandardCharsets.UTF_8));
                    assertThat(config.getMasterUrl()).startsWith(clusters.endpoint(other));
                    assertThat(config.getCaCertData()).isEqualTo(clusters.certificateAuthority(other));
                    assertThat(config.getAutoOAuthToken()).isEqualTo(readerToken(other));
                    try (KubernetesClient asIstiod = new KubernetesClientBuilder().withConfig(config)
                            .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
                        assertThat(asIstiod.serviceAccounts().inNamespace("istio-system")
                                .withName(ReaderObjects.SERVICE_ACCOUNT).get()).as("read " + other + " with its kubeconfig")
                                .isNotNull();
                    }
                }
            }
        }
    }

    private List<String> remoteSecrets(Cluster holder) {
        try (KubernetesClient client = clusters.client(holder.clusterName())) {
            return client.secrets().inNamespace("istio-system").withLabel("istio/multiCluster", "true").list()
                    .getItems().stream().map(s -> s.getMetadata().getName()).toList();
        }
    }

    private String readerToken(Cluster cluster) {
        return readerToken(cluster.clusterName());
    }

    private String readerToken(String clusterName) {
        try (KubernetesClient client = clusters.client(clusterName)) {
            return TokenController.tokenOf(client, "istio-system", ReaderObjects.TOKEN_SECRET);
        }
    }

    private Map<String, String> resourceVersions(Cluster... all) {
        Map<String, String> versions = new HashMap<>();
        for (Cluster cluster : all) {
            try (KubernetesClient client = clusters.client(cluster.clusterName())) {
                client.secrets().inNamespace("istio-system").list().getItems().forEach(s -> versions.put(
                        cluster.clusterName() + "/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
                client.serviceAccounts().inNamespace("istio-system").list().getItems().forEach(s -> versions.put(
                        cluster.clusterName() + "/sa/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
            }
        }
        return versions;
    }

    private static KubernetesClient unreachable() {
        Config config = new ConfigBuilder(Config.empty()).withAutoConfigure(false).withMasterUrl("https://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(1000).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }
}
