package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.istio.ChartRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChartsTest {

    @TempDir
    Path directory;

    @Test
    void fetch_whenArchivePresent_usesIt() throws Exception {
        Files.write(directory.resolve("istiod-1.30.4.tgz"), new byte[] {1});

        assertThat(new LocalCharts(directory).fetch(new ChartRef("istiod", "1.30.4")))
                .isEqualTo(directory.resolve("istiod-1.30.4.tgz"));
    }

    @Test
    void fetch_whenUnpackedChartOfThatVersion_usesTheDirectory() throws Exception {
        Files.createDirectories(directory.resolve("gateway"));
        Files.writeString(directory.resolve("gateway/Chart.yaml"), "apiVersion: v2\nname: gateway\nversion: \"1.30.4\"\n");

        assertThat(new LocalCharts(directory).fetch(new ChartRef("gateway", "1.30.4")))
                .isEqualTo(directory.resolve("gateway"));
    }

    @Test
    void fetch_whenOnlyAnotherVersion_failsListingWhatIsThere() throws Exception {
        Files.createDirectories(directory.resolve("gateway"));
        Files.writeString(directory.resolve("gateway/Chart.yaml"), "apiVersion: v2\nname: gateway\nversion: 1.29.0\n");

        assertThatThrownBy(() -> new LocalCharts(directory).fetch(new ChartRef("gateway", "1.30.4")))
                .isInstanceOf(ChartNotFound.class).hasMessageContaining("gateway-1.30.4.tgz")
                .hasMessageContaining("it holds: gateway");
    }
}
