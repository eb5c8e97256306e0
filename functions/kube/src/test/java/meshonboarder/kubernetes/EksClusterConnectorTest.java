package meshonboarder.kubernetes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ApiServer;
import meshonboarder.settings.Env;
import meshonboarder.testing.EksWire;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EksClusterConnectorTest {

    private static final String REGION = "us-east-1";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mesh-onboarder-cluster-access";

    @RegisterExtension
    static final WireMockExtension EKS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static MockClusters clusters;

    @BeforeAll
    static void startClusters() {
        clusters = new MockClusters();
        clusters.start("eks-1");
        clusters.start("eks-2");
    }

    @AfterAll
    static void stopClusters() {
        clusters.close();
    }

    @Test
    void connect_whenClusterIsActive_talksTlsToItsEndpointWithAnEksBearerToken() throws Exception {
        stubCluster("eks-1", "eks-1");
        drain("eks-1");

        try (KubernetesClient client = connector(Map.of()).connect(REGION, "eks-1")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system")
                    .endMetadata().build()).create();
        }

        RecordedRequest request = clusters.server("eks-1").takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getRequestLine()).startsWith("POST /api/v1/namespaces");
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("Bearer k8s-aws-v1.");
        Map<String, String> query = EksTokenGeneratorTest.query(
                EksTokenGeneratorTest.decode(authorization.substring("Bearer ".length())));
        assertThat(query).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id");
        assertThat(query.get("X-Amz-Credential")).startsWith("testing/").contains("/us-east-1/sts/");
        try (KubernetesClient check = clusters.client("eks-1")) {
            assertThat(check.namespaces().withName("istio-system").get()).isNotNull();
        }
    }

    @Test
    void connect_whenGivenTheApiServerDescribedAlready_talksToItWithoutDescribingTheClusterAgain() throws Exception {
        drain("eks-1");
        EKS.resetRequests();

        try (KubernetesClient client = connector(Map.of()).connect(REGION, "eks-1",
                new ApiServer(clusters.endpoint("eks-1"), clusters.certificateAuthority("eks-1"), true))) {
            client.namespaces().list();
        }

        assertThat(clusters.server("eks-1").takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                .startsWith("Bearer k8s-aws-v1.");
        assertThat(EKS.getAllServeEvents()).isEmpty();
    }

    @Test
    void connect_whenTheServerIsNotSignedByTheClusterCa_refusesIt() {
        stubCluster("eks-1", "eks-2");

        try (KubernetesClient client = connector(Map.of()).connect(REGION, "eks-1")) {
            assertThatThrownBy(() -> client.namespaces().list())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
        }
    }

    @Test
    void connect_whenTheClientLivesPastTheTokenRefresh_sendsAFreshToken() throws Exception {
        stubCluster("eks-2", "eks-2");
        EksTokenGeneratorTest.TestClock clock = new EksTokenGeneratorTest.TestClock(Instant.now());
        var aws = aws();
        var connector = new EksClusterConnector(new AwsEksClusters(aws), new EksTokenGenerator(aws.credentials(), clock));
        drain("eks-2");

        List<String> tokens = new ArrayList<>();
        try (KubernetesClient client = connector.connect(REGION, "eks-2")) {
            client.configMaps().inNamespace("default").resource(configMap("first")).create();
            tokens.add(clusters.server("eks-2").takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"));
            clock.advance(Duration.ofMinutes(11));
            client.configMaps().inNamespace("default").resource(configMap("second")).create();
            tokens.add(clusters.server("eks-2").takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"));
        }

        assertThat(tokens).allSatisfy(t -> assertThat(t).startsWith("Bearer k8s-aws-v1."));
        assertThat(tokens.get(1)).isNotEqualTo(tokens.get(0));
    }

    @Test
    void connect_whenClusterAccessRoleIsSet_signsTokensAsThatRole() throws Exception {
        stubCluster("eks-1", "eks-1");
        EKS.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(assumeRoleResponse())));
        drain("eks-1");

        try (KubernetesClient client = connector(Map.of("CLUSTER_ACCESS_ROLE_ARN", ROLE)).connect(REGION, "eks-1")) {
            client.namespaces().list();
        }

        String authorization = clusters.server("eks-1").takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization");
        Map<String, String> query = EksTokenGeneratorTest.query(
                EksTokenGeneratorTest.decode(authorization.substring("Bearer ".length())));
        assertThat(query.get("X-Amz-Credential")).startsWith("ASIAROLEEXAMPLE/");
        assertThat(query).containsEntry("X-Amz-Security-Token", "role-session-token");
        EKS.verify(postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F")))
                .withRequestBody(containing("RoleSessionName=mesh-onboarder")));
    }

    /**
     * An API server nobody can reach (a closed security group, a private endpoint, an upgrade) as a client sees it
     * with nothing listening: connection refused. fabric8 gives no HTTP status for it (-1, an IOException cause),
     * and the step must name it Transient so that the state machine's Retry waits for the cluster.
     */
    @Test
    void connect_whenTheApiServerRefusesConnections_failsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EKS.stubFor(EksWire.describeCluster("eks-1", REGION, "https://localhost:" + closedPort,
                clusters.certificateAuthority("eks-1"), "API_AND_CONFIG_MAP"));

        try (KubernetesClient client = connector(Map.of()).connect(REGION, "eks-1")) {
            assertThatThrownBy(() -> ObjectOperator.ensureNamespace(client, "cluster eks-1", "istio-system"))
                    .isInstanceOf(Transient.class)
                    .hasMessageContaining("Could not reach the Kubernetes API server")
                    .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(ConnectException.class));
        }
    }

    @Test
    void constructor_makesNoCall() {
        connector(Map.of("CLUSTER_ACCESS_ROLE_ARN", ROLE));

        assertThat(EKS.getAllServeEvents()).isEmpty();
    }

    @Test
    void connect_whenTheClusterDoesNotExist_failsWithClusterNotFound() {
        EKS.stubFor(get(urlPathEqualTo("/clusters/gone"))
                .willReturn(EksWire.error(404, "ResourceNotFoundException", "No cluster found for name: gone.")));

        assertThatThrownBy(() -> connector(Map.of()).connect(REGION, "gone"))
                .isInstanceOf(ClusterNotFound.class)
                .hasMessageContaining("'gone'");
    }

    @Test
    void connect_whenTheEndpointIsNotAssignedYet_failsTransient() {
        EKS.stubFor(get(urlPathEqualTo("/clusters/new")).willReturn(okJson(
                EksWire.clusterJson("new", REGION, "CREATING", null, null, null))));

        assertThatThrownBy(() -> connector(Map.of()).connect(REGION, "new"))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("CREATING");
    }

    private static void stubCluster(String name, String caOf) {
        EKS.stubFor(EksWire.describeCluster(name, REGION, clusters.endpoint(name), clusters.certificateAuthority(caOf),
                "API_AND_CONFIG_MAP"));
    }

    private static AwsClients aws() {
        return new AwsClients(REGION, URI.create(EKS.baseUrl()), MotoServer.credentials());
    }

    private static EksClusterConnector connector(Map<String, String> env) {
        Map<String, String> withRegion = new HashMap<>(env);
        withRegion.put("AWS_REGION", REGION);
        withRegion.put("PARTITION", "aws");
        return new EksClusterConnector(new Wiring(new Env(withRegion), aws()));
    }

    /** Forgets the requests earlier tests made, so that takeRequest sees this test's. */
    private static void drain(String cluster) throws InterruptedException {
        while (clusters.server(cluster).takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // discard
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable c = e; c != null && !causes.contains(c); c = c.getCause()) {
            causes.add(c);
        }
        return causes;
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static String assumeRoleResponse() {
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>ASIAROLEEXAMPLE</AccessKeyId>
                      <SecretAccessKey>role-secret</SecretAccessKey>
                      <SessionToken>role-session-token</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROAEXAMPLE:mesh-onboarder</AssumedRoleId>
                      <Arn>arn:aws:sts::123456789012:assumed-role/mesh-onboarder-cluster-access/mesh-onboarder</Arn>
                    </AssumedRoleUser>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(Instant.now().plus(Duration.ofHours(1)));
    }
}
