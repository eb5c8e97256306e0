package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.RegistryCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry that answers like registry.istio.io: anonymous bearer tokens, blobs redirected to storage. */
class OciChartRegistryTest {

    private static final byte[] LAYER = "gateway chart layer".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = "sha256:" + HttpChartRepository.sha256(LAYER);

    @TempDir
    Path cache;

    private final ChartRegistryServer server = new ChartRegistryServer();

    @BeforeEach
    void registry() {
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:c0","size":2},
                 "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"%s","size":19}]}
                """.formatted(DIGEST);
        Map<String, String> needsToken = Map.of("X-Require-Authorization", "Bearer anon-token");
        server.answer("401:/v2/release/charts/gateway/manifests/1.30.4", 401, Map.of("WWW-Authenticate",
                        "Bearer realm=\"" + server.url() + "/token\",service=\"registry.test\",scope=\"repository:release/charts/gateway:pull\""),
                        new byte[0])
                .answer("/v2/release/charts/gateway/manifests/1.30.4", 200, needsToken, manifest.getBytes(StandardCharsets.UTF_8))
                .answer("/token?scope=repository%3Arelease%2Fcharts%2Fgateway%3Apull&service=registry.test", 200, Map.of(),
                        "{\"token\":\"anon-token\"}".getBytes(StandardCharsets.UTF_8))
                .answer("/v2/release/charts/gateway/blobs/" + DIGEST, 307,
                        Map.of("Location", server.url() + "/storage/layer?signature=abc", "X-Require-Authorization", "Bearer anon-token"),
                        new byte[0])
                .answer("/storage/layer?signature=abc", 200, Map.of(), LAYER);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OciChartRegistry registry(RegistryCredentials credentials) {
        return new OciChartRegistry("oci://" + server.host() + "/release/charts", true, cache,
                OciChartRegistry.defaultClient(), credentials);
    }

    @Test
    void fetch_whenPublicRegistry_pullsWithAnAnonymousTokenAndChecksTheDigest() throws Exception {
        Path chart = registry(RegistryCredentials.ANONYMOUS).fetch(new ChartRef("gateway", "1.30.4"));

        assertThat(Files.readAllBytes(chart)).isEqualTo(LAYER);
        assertThat(chart.getFileName()).hasToString("gateway-1.30.4.tgz");
        // the storage redirect gets no registry credentials
        assertThat(server.requests).filteredOn(r -> r.path().startsWith("/storage/"))
                .singleElement().extracting(ChartRegistryServer.Request::authorization).isNull();
    }

    @Test
    void fetch_whenTagMissing_failsWithChartNotFound() {
        assertThatThrownBy(() -> registry(RegistryCredentials.ANONYMOUS).fetch(new ChartRef("gateway", "1.99.0")))
                .isInstanceOf(ChartNotFound.class)
                .hasMessageContaining("oci://" + server.host() + "/release/charts/gateway:1.99.0");
    }

    @Test
    void fetch_whenRegistryWantsBasicAuthAndNoneKnown_failsWithAccessDenied() {
        server.answer("401:/v2/release/charts/istiod/manifests/1.30.4", 401,
                        Map.of("WWW-Authenticate", "Basic realm=\"ecr\""), new byte[0])
                .answer("/v2/release/charts/istiod/manifests/1.30.4", 200,
                        Map.of("X-Require-Authorization", "Basic QVdTOnB3"), new byte[0]);

        assertThatThrownBy(() -> registry(RegistryCredentials.ANONYMOUS).fetch(new ChartRef("istiod", "1.30.4")))
                .isInstanceOf(AccessDenied.class).hasMessageContaining("asks for credentials");
    }

    @Test
    void fetch_whenRegistryWantsBasicAuth_usesTheCredentials() {
        server.answer("401:/v2/release/charts/istiod/manifests/1.30.4", 401,
                        Map.of("WWW-Authenticate", "Basic realm=\"ecr\""), new byte[0])
                .answer("/v2/release/charts/istiod/manifests/1.30.4", 200,
                        Map.of("X-Require-Authorization", "Basic QVdTOnB3"), "{\"layers\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> registry(host -> Optional.of("QVdTOnB3")).fetch(new ChartRef("istiod", "1.30.4")))
                .isInstanceOf(ChartNotFound.class).hasMessageContaining("is not a Helm chart");
    }
}
