package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.istio.ChartRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpChartRepositoryTest {

    private static final byte[] ARCHIVE = "istiod chart archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path cache;

    private final ChartRegistryServer server = new ChartRegistryServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private void index(String digest) {
        String index = """
                apiVersion: v1
                entries:
                  istiod:
                  - name: istiod
                    version: 1.31.0
                    urls: [istiod-1.31.0.tgz]
                  - name: istiod
                    version: 1.30.4
                    digest: %s
                    urls:
                    - archives/istiod-1.30.4.tgz
                """.formatted(digest);
        server.answer("/charts/index.yaml", 200, Map.of(), index.getBytes(StandardCharsets.UTF_8))
                .answer("/charts/archives/istiod-1.30.4.tgz", 200, Map.of(), ARCHIVE);
    }

    private HttpChartRepository repository() {
        return new HttpChartRepository(server.url() + "/charts", cache, HttpChartRepository.defaultClient());
    }

    @Test
    void fetch_whenListedInIndex_downloadsTheArchiveOnce() throws Exception {
        index(HttpChartRepository.sha256(ARCHIVE));

        Path first = repository().fetch(new ChartRef("istiod", "1.30.4"));
        Path second = repository().fetch(new ChartRef("istiod", "1.30.4"));

        assertThat(Files.readAllBytes(first)).isEqualTo(ARCHIVE);
        assertThat(second).isEqualTo(first);
        assertThat(server.requests).extracting(ChartRegistryServer.Request::path)
                .containsExactly("/charts/index.yaml", "/charts/archives/istiod-1.30.4.tgz");
    }

    @Test
    void fetch_whenDigestDiffers_refusesTheArchive() {
        index("0000");

        assertThatThrownBy(() -> repository().fetch(new ChartRef("istiod", "1.30.4")))
                .isInstanceOf(ChartNotFound.class).hasMessageContaining("does not match the digest");
    }

    @Test
    void fetch_whenVersionMissing_namesTheVersionsThereAre() {
        index(HttpChartRepository.sha256(ARCHIVE));

        assertThatThrownBy(() -> repository().fetch(new ChartRef("istiod", "1.32.0")))
                .isInstanceOf(ChartNotFound.class)
                .hasMessageContaining("no chart istiod version 1.32.0").hasMessageContaining("[1.31.0, 1.30.4]");
    }

    @Test
    void fetch_whenNoIndex_failsWithChartNotFound() {
        assertThatThrownBy(() -> repository().fetch(new ChartRef("istiod", "1.30.4")))
                .isInstanceOf(ChartNotFound.class).hasMessageContaining("index.yaml");
    }
}
