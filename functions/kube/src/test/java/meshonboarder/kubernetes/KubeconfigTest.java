package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import meshonboarder.json.Json;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ReaderToken;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class KubeconfigTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InJlYWRlciJ9.eyJzdWIiOiJyZWFkZXIifQ.c2lnbmF0dXJl";
    static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=";
    static final ApiServer SERVER = new ApiServer("https://0A1B2C3D4E5F.gr7.us-east-1.eks.amazonaws.com", CA, true);

    @Test
    void withBearerToken_whenEksCluster_matchesIstioctlLayout() throws IOException {
        String kubeconfig = Kubeconfig.withBearerToken("eks-a", SERVER, ReaderToken.of(TOKEN));

        assertThat(kubeconfig).isEqualTo(golden("kubeconfig-eks-a.yaml"));
    }

    @ParameterizedTest
    @CsvSource({
            "eks-1, eks-1",
            "Prod_East, Prod_East",
            "1234, '\"1234\"'",
            "1e3, '\"1e3\"'",
            "yes, '\"yes\"'",
            "No, '\"No\"'",
            "null, '\"null\"'",
            "https://[fd00::1]:443, '\"https://[fd00::1]:443\"'"
    })
    void scalar_whenValueCouldReadAsAnotherType_quotesIt(String value, String expected) {
        assertThat(Kubeconfig.scalar(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "http://api.example.com, https URL",
            "https://user@api.example.com, https URL",
            "https://api.example.com?x=1, https URL",
            "not a url, not a URL",
            "'', https URL"
    })
    void withBearerToken_whenEndpointIsNotAPlainHttpsUrl_fails(String endpoint, String message) {
        ApiServer server = new ApiServer(endpoint, CA, true);

        assertThatThrownBy(() -> Kubeconfig.withBearerToken("eks-a", server, ReaderToken.of(TOKEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void withBearerToken_whenCaIsNotBase64_fails() {
        ApiServer server = new ApiServer(SERVER.endpoint(), "-----BEGIN CERTIFICATE-----", true);

        assertThatThrownBy(() -> Kubeconfig.withBearerToken("eks-a", server, ReaderToken.of(TOKEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
    }

    @Test
    void withBearerToken_whenNameIsNotAnEksName_failsWithoutQuotingTheToken() {
        assertThatThrownBy(() -> Kubeconfig.withBearerToken("eks a", SERVER, ReaderToken.of(TOKEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(TOKEN);
    }

    @Test
    void readerToken_whenBlankOrMultiLine_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> ReaderToken.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderToken.of("abc\ndef")).hasMessageNotContaining("abc");
        assertThat(ReaderToken.of(TOKEN)).hasToString("ReaderToken[redacted]");
    }

    @Test
    void withBearerToken_whenReadByKubectl_keepsServerCaTokenAndNames(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, Kubeconfig.withBearerToken("1234", SERVER, ReaderToken.of(TOKEN)));

        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", file.toString(), "config", "view", "--raw",
                "-o", "json").redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(out).isZero();

        JsonNode view = Json.MAPPER.readTree(out);
        assertThat(view.path("current-context").asText()).isEqualTo("1234");
        assertThat(view.at("/clusters/0/name").asText()).isEqualTo("1234");
        assertThat(view.at("/clusters/0/cluster/server").asText()).isEqualTo(SERVER.endpoint());
        assertThat(view.at("/clusters/0/cluster/certificate-authority-data").asText()).isEqualTo(CA);
        assertThat(view.at("/contexts/0/context/cluster").asText()).isEqualTo("1234");
        assertThat(view.at("/contexts/0/context/user").asText()).isEqualTo("1234");
        assertThat(view.at("/users/0/name").asText()).isEqualTo("1234");
        assertThat(view.at("/users/0/user/token").asText()).isEqualTo(TOKEN);
    }

    @Test
    void withBearerToken_whenUsedByFabric8_reachesTheApiServerWithTheBearerToken() throws Exception {
        try (MockClusters clusters = new MockClusters()) {
            clusters.start("eks-a");
            ApiServer server = new ApiServer(clusters.endpoint("eks-a"), clusters.certificateAuthority("eks-a"), true);
            Config config = Config.fromKubeconfig(Kubeconfig.withBearerToken("eks-a", server, ReaderToken.of(TOKEN)));

            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
                client.configMaps().inNamespace("istio-system").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("probe").endMetadata().build()).create();
            }

            RecordedRequest request = clusters.server("eks-a").takeRequest(5, TimeUnit.SECONDS);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(config.getCurrentContext().getName()).isEqualTo("eks-a");
        }
    }

    // Helm's kubeconfig, from the fabric8 client's configuration

    private static JsonNode read(String yaml) throws Exception {
        return new YAMLMapper().readTree(yaml);
    }

    @Test
    void of_whenEksStyleConfig_carriesEndpointCaAndCurrentToken() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://ABC.gr7.us-east-1.eks.amazonaws.com/")
                .withCaCertData("LS0tLS1CRUdJTi1DQS0tLS0t")
                .withOauthTokenProvider(() -> "k8s-aws-v1.fresh").build();

        JsonNode kubeconfig = read(Kubeconfig.of(config));

        JsonNode cluster = kubeconfig.path("clusters").get(0).path("cluster");
        assertThat(cluster.path("server").asText()).isEqualTo("https://ABC.gr7.us-east-1.eks.amazonaws.com");
        assertThat(cluster.path("certificate-authority-data").asText()).isEqualTo("LS0tLS1CRUdJTi1DQS0tLS0t");
        assertThat(cluster.has("insecure-skip-tls-verify")).isFalse();
        assertThat(kubeconfig.path("users").get(0).path("user").path("token").asText()).isEqualTo("k8s-aws-v1.fresh");
        assertThat(kubeconfig.path("current-context").asText()).isEqualTo("mesh-onboarder");
        assertThat(kubeconfig.path("contexts").get(0).path("context").path("cluster").asText())
                .isEqualTo("mesh-onboarder");
    }

    @Test
    void of_whenTrustAllMockServer_skipsVerificationOnlyThen() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:6443").withTrustCerts(true)
                .withOauthToken("secret").build();

        JsonNode cluster = read(Kubeconfig.of(config)).path("clusters").get(0).path("cluster");

        assertThat(cluster.path("insecure-skip-tls-verify").asBoolean()).isTrue();
    }

    @Test
    void of_whenNoCredentials_refuses() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:6443").build();

        assertThatThrownBy(() -> Kubeconfig.of(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a bearer token nor a client certificate");
    }

    public static String golden(String name) throws IOException {
        try (var in = KubeconfigTest.class.getResourceAsStream("/remote/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
