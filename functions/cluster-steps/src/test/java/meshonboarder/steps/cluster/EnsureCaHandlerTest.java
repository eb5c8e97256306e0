package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import meshonboarder.aws.Wiring;
import meshonboarder.ca.CaResult;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.IntermediateOutcome;
import meshonboarder.ca.RootOutcome;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidCa;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.pki.CaCertificates;
import meshonboarder.pki.PemParser;
import meshonboarder.testing.CaFixtures.PemPair;
import meshonboarder.testing.CaFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;

/** EnsureCa end to end: the handler against the moto server and one fabric8 mock API server per cluster. */
class EnsureCaHandlerTest {

    /** ECDSA keeps the tests quick; the first test runs the RSA 4096 default. */
    private static final Map<String, String> FAST = Map.of("CA_KEY_ALGORITHM", "ECDSA_P256");

    private final SecretsManagerClient secrets = MotoServer.aws().secretsManager();
    private final Map<String, KubernetesMockServer> clusters = new HashMap<>();
    private final ClusterConnector connector = (region, name) -> client(clusters.get(name).url("/"));
    private final String mesh = MotoServer.unique("mesh");

    @BeforeEach
    void startClusters() {
        for (String name : List.of("eks-1", "eks-2")) {
            Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
            KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                    new KubernetesMixedDispatcher(responses), false);
            server.init();
            clusters.put(name, server);
        }
    }

    @AfterEach
    void stopClusters() {
        clusters.values().forEach(KubernetesMockServer::destroy);
    }

    @Test
    void handle_whenTheMeshIsNew_createsTheRootTheIntermediateAndCacerts() throws Exception {
        CaResult result = invoke(handler(Map.of()), cluster("eks-1"));

        assertThat(result.rootOutcome()).isEqualTo(RootOutcome.CREATED);
        assertThat(result.intermediateOutcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(result.cacerts()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(result.rootSecretArn()).contains(":secret:istio-mesh/" + mesh + "/root-ca-");
        assertThat(result.intermediateSecretArn())
                .contains(":secret:istio-mesh/" + mesh + "/clusters/eks-1/intermediate-ca-");
        CaCerts cacerts = cacerts("eks-1");
        assertThat(cacerts.intermediate().getPublicKey().getAlgorithm()).isEqualTo("RSA"); // the default
        assertThat(CertificateAuthority.fingerprint(cacerts.root())).isEqualTo(result.rootFingerprint());
        assertThat(CertificateAuthority.fingerprint(cacerts.intermediate())).isEqualTo(result.intermediateFingerprint());
        assertThat(result.intermediateNotAfter()).isEqualTo(cacerts.intermediate().getNotAfter().toInstant());
        assertThat(Duration.between(Instant.now(), result.intermediateNotAfter())).isBetween(
                Duration.ofDays(729), Duration.ofDays(730));
        assertThat(clusterClient("eks-1").namespaces().withName("istio-system").get()).isNotNull();
    }

    @Test
    void handle_whenTheMeshIsNew_writesCacertsThatIstiodCanUse() throws Exception {
        CaResult result = invoke(handler(FAST), cluster("eks-1"));

        CaCerts cacerts = cacerts("eks-1");
        // The chain istiod serves validates with the mesh root as the only trust anchor.
        CaFixtures.validate(List.of(cacerts.chain().get(0)), cacerts.root());
        assertThat(cacerts.chain()).containsExactly(cacerts.intermediate(), cacerts.root());
        assertThat(CaCertificates.keyMatches(cacerts.intermediate(), PemParser.privateKey(cacerts.data(
                "ca-key.pem")))).isTrue();
        assertThat(cacerts.data("ca-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(cacerts.intermediate().getBasicConstraints()).isZero();
        assertThat(cacerts.intermediate().getSubjectX500Principal().getName()).contains("L=eks-1");
        assertThat(cacerts.intermediate().getSubjectAlternativeNames())
                .containsExactly(List.of(2, "istiod.istio-system.svc"));
        // What the cluster has is what Secrets Manager keeps.
        assertThat(storedCertificate(result.rootSecretArn())).isEqualTo(cacerts.root());
        assertThat(storedCertificate(result.intermediateSecretArn())).isEqualTo(cacerts.intermediate());
    }

    @Test
    void handle_whenASecondClusterJoins_reusesTheRootAndIssuesItsOwnIntermediate() throws Exception {
        CaResult first = invoke(handler(FAST), cluster("eks-1"));

        CaResult second = invoke(handler(FAST), cluster("eks-2"));

        assertThat(second.rootOutcome()).isEqualTo(RootOutcome.REUSED);
        assertThat(second.rootSecretArn()).isEqualTo(first.rootSecretArn());
        assertThat(second.intermediateOutcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(second.intermediateSecretArn()).isNotEqualTo(first.intermediateSecretArn());
        assertThat(cacerts("eks-2").root()).isEqualTo(cacerts("eks-1").root());
        assertThat(cacerts("eks-2").intermediate()).isNotEqualTo(cacerts("eks-1").intermediate());
    }

    @Test
    void handle_whenRunAgain_changesNothing() {
        EnsureCaHandler handler = handler(FAST);
        CaResult first = invoke(handler, cluster("eks-1"));
        String resourceVersion = cacertsSecret("eks-1").getMetadata().getResourceVersion();
        int versions = versionCount(first.intermediateSecretArn());

        CaResult again = invoke(handler, cluster("eks-1"));

        assertThat(again.rootOutcome()).isEqualTo(RootOutcome.REUSED);
        assertThat(again.intermediateOutcome()).isEqualTo(IntermediateOutcome.REUSED);
        assertThat(again.cacerts()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(again.intermediateFingerprint()).isEqualTo(first.intermediateFingerprint());
        assertThat(cacertsSecret("eks-1").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(versionCount(first.intermediateSecretArn())).isEqualTo(versions);
    }

    @Test
    void handle_whenTwoClustersOfANewMeshOnboardAtOnce_createsOneRoot() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CaResult>> runs = new ArrayList<>();
            for (String name : List.of("eks-1", "eks-2")) {
                EnsureCaHandler handler = handler(FAST);
                runs.add(pool.submit(() -> invoke(handler, cluster(name))));
            }
            List<CaResult> results = new ArrayList<>();
            for (Future<CaResult> run : runs) {
                results.add(run.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).extracting(CaResult::rootFingerprint).containsOnly(results.get(0).rootFingerprint());
            assertThat(cacerts("eks-1").root()).isEqualTo(cacerts("eks-2").root());
            assertThat(secrets.listSecrets(r -> r.filters(Filter.builder().key(FilterNameStringType.NAME)
                    .values("istio-mesh/" + mesh + "/root-ca").build())).secretList()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void handle_whenTheIntermediateIsAboutToExpire_reissuesItAndUpdatesCacerts() throws Exception {
        Instant now = Instant.now();
        CaResult first = invoke(handler(FAST, now), cluster("eks-1"));
        String resourceVersion = cacertsSecret("eks-1").getMetadata().getResourceVersion();
        Instant nearExpiry = first.intermediateNotAfter().minus(Duration.ofDays(10)); // margin: 30 days

        CaResult renewed = invoke(handler(FAST, nearExpiry), cluster("eks-1"));

        assertThat(renewed.intermediateOutcome()).isEqualTo(IntermediateOutcome.ISSUED);
        assertThat(renewed.cacerts()).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(renewed.intermediateSecretArn()).isEqualTo(first.intermediateSecretArn());
        assertThat(renewed.intermediateNotAfter()).isAfter(first.intermediateNotAfter());
        assertThat(renewed.rootOutcome()).isEqualTo(RootOutcome.REUSED);
        CaCerts cacerts = cacerts("eks-1");
        assertThat(CertificateAuthority.fingerprint(cacerts.intermediate()))
                .isEqualTo(renewed.intermediateFingerprint());
        assertThat(cacertsSecret("eks-1").getMetadata().getResourceVersion()).isNotEqualTo(resourceVersion);
    }

    @Test
    void handle_whenARootWasImported_usesIt() throws Exception {
        PemPair imported = CaFixtures.toolsCertsRoot();
        String arn = secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca")
                .secretString(imported.secretValue())).arn();

        CaResult result = invoke(handler(FAST), cluster("eks-1"));

        assertThat(result.rootOutcome()).isEqualTo(RootOutcome.ADOPTED);
        assertThat(result.rootSecretArn()).isEqualTo(arn);
        CaCerts cacerts = cacerts("eks-1");
        assertThat(cacerts.root()).isEqualTo(PemParser.certificates(imported.certificate()).get(0));
        CaFixtures.validate(List.of(cacerts.intermediate()), cacerts.root());
        assertThat(cacerts.intermediate().getSigAlgName()).isEqualTo("SHA256withRSA"); // signed by the RSA root
    }

    @Test
    void handle_whenTheImportedRootIsMalformed_failsClearlyAndLeavesTheClusterAlone() {
        PemPair imported = CaFixtures.toolsCertsRoot();
        PemPair mismatched = new PemPair(imported.certificate(), CaFixtures.toolsCertsRoot().privateKey());
        secrets.createSecret(r -> r.name("istio-mesh/" + mesh + "/root-ca").secretString(mismatched.secretValue()));

        Captured captured = capture(() -> catching(() -> invoke(handler(FAST), cluster("eks-1"))));

        assertThat(captured.thrown()).isInstanceOf(InvalidCa.class)
                .hasMessage("The CA secret istio-mesh/" + mesh + "/root-ca holds a private key that does not "
                        + "belong to its certificate. See docs/mesh-ca.md, \"Secret value format\", for the expected "
                        + "format.");
        assertNoKeyMaterial(captured.logs() + captured.thrown().getMessage(), mismatched.privateKey(),
                imported.privateKey());
        assertThat(cacertsSecret("eks-1")).isNull();
    }

    @Test
    void handle_whenItRuns_keepsKeyMaterialOutOfTheOutputAndTheLogs() {
        Captured captured = capture(() -> Lambdas.invoke(handler(FAST), Map.of("cluster", cluster("eks-1"))));

        JsonNode output = (JsonNode) captured.value();
        CaResult result = Json.MAPPER.convertValue(output, CaResult.class);
        String rootKey = Json.MAPPER.convertValue(readJson(result.rootSecretArn()).get("privateKey"), String.class);
        String intermediateKey = cacerts("eks-1").data("ca-key.pem");
        assertThat(captured.logs()).contains("CA ready"); // the capture works
        assertThat(output.toString()).doesNotContain("BEGIN");
        assertNoKeyMaterial(output.toString() + captured.logs(), rootKey, intermediateKey);
        assertThat(output.fieldNames()).toIterable().containsExactlyInAnyOrder("rootSecretArn", "rootFingerprint",
                "rootNotAfter", "rootOutcome", "intermediateSecretArn", "intermediateFingerprint",
                "intermediateNotAfter", "intermediateOutcome", "cacerts");
    }

    @Test
    void handle_whenTheInputHasNoCluster_failsAsInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(FAST), "{\"clusterWait\": {}}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("$.cluster");
    }

    // --- helpers

    private EnsureCaHandler handler(Map<String, String> env) {
        return new EnsureCaHandler(MotoServer.wiring(env), connector);
    }

    private EnsureCaHandler handler(Map<String, String> env, Instant now) {
        Wiring wiring = MotoServer.wiring(env);
        return new EnsureCaHandler(wiring, connector, Clock.fixed(now, ZoneOffset.UTC));
    }

    private CaResult invoke(EnsureCaHandler handler, Cluster cluster) {
        return Json.MAPPER.convertValue(Lambdas.invoke(handler, Map.of("cluster", cluster)), CaResult.class);
    }

    private Cluster cluster(String name) {
        return new Cluster(name, MotoServer.REGION, mesh, "vpc-0a1b2c3d", "arn:aws:eks:us-east-1:"
                + MotoServer.ACCOUNT + ":cluster/" + name, "ACTIVE", "https://" + name + ".example", IpFamily.IPV4,
                "vpc-0a1b2c3d", "1.33", "API", false);
    }

    private KubernetesClient clusterClient(String name) {
        return client(clusters.get(name).url("/"));
    }

    private Secret cacertsSecret(String cluster) {
        try (KubernetesClient client = clusterClient(cluster)) {
            return client.secrets().inNamespace("istio-system").withName("cacerts").get();
        }
    }

    /** The four files of cacerts, decoded. */
    private record CaCerts(Map<String, String> files) {
        String data(String key) {
            return files.get(key);
        }

        X509Certificate intermediate() {
            return PemParser.certificates(files.get("ca-cert.pem")).get(0);
        }

        X509Certificate root() {
            return PemParser.certificates(files.get("root-cert.pem")).get(0);
        }

        List<X509Certificate> chain() {
            return PemParser.certificates(files.get("cert-chain.pem"));
        }
    }

    private CaCerts cacerts(String cluster) {
        Secret secret = cacertsSecret(cluster);
        assertThat(secret.getData()).containsOnlyKeys("ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem");
        Map<String, String> files = new HashMap<>();
        secret.getData().forEach((k, v) -> files.put(k, new String(Base64.getDecoder().decode(v),
                StandardCharsets.US_ASCII)));
        return new CaCerts(files);
    }

    private JsonNode readJson(String arn) {
        try {
            return Json.MAPPER.readTree(secrets.getSecretValue(r -> r.secretId(arn)).secretString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate storedCertificate(String arn) {
        return PemParser.certificates(readJson(arn).get("certificate").asText()).get(0);
    }

    private int versionCount(String arn) {
        return secrets.listSecretVersionIds(r -> r.secretId(arn)).versions().size();
    }

    /** Neither the PEM body of a key nor that PEM as a Secret's base64 data shows up in {@code text}. */
    private static void assertNoKeyMaterial(String text, String... keyPems) {
        assertThat(text).doesNotContain("PRIVATE KEY");
        for (String pem : keyPems) {
            String base64Pem = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
            assertThat(text).doesNotContain(base64Pem.substring(40, 100));
            pem.lines().filter(line -> !line.startsWith("-----") && line.length() > 16)
                    .forEach(line -> assertThat(text).doesNotContain(line.substring(0, 16)));
        }
    }

    private record Captured(Object value, Throwable thrown, String logs) {
    }

    /** Runs {@code action} with stdout and stderr (where slf4j-simple writes) captured. */
    private static Captured capture(Supplier<Object> action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            Object value = action.get();
            return value instanceof Throwable t ? new Captured(null, t, logs.toString(StandardCharsets.UTF_8))
                    : new Captured(value, null, logs.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print(logs.toString(StandardCharsets.UTF_8));
        }
    }

    private static Object catching(Supplier<Object> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** No retries: the state machine retries, and a test should not wait out the client's backoff. */
    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true)
                .withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
