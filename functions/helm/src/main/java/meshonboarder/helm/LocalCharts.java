package meshonboarder.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.istio.ChartRef;

/**
 * Charts in a local directory ({@code file://...}): {@code <chart>-<version>.tgz} archives as {@code helm pull}
 * writes them, or an unpacked {@code <chart>/} directory whose Chart.yaml has the version asked for. Used by
 * tests and the local runner, and by anyone who bakes the charts into the function's package.
 */
public final class LocalCharts implements ChartSource {

    private final Path directory;

    public LocalCharts(Path directory) {
        this.directory = directory;
    }

    @Override
    public Path fetch(ChartRef chart) {
        Path archive = directory.resolve(chart.name() + "-" + chart.version() + ".tgz");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        Path unpacked = directory.resolve(chart.name());
        if (Files.isRegularFile(unpacked.resolve("Chart.yaml")) && chart.version().equals(version(unpacked))) {
            return unpacked;
        }
        throw new ChartNotFound("The chart directory " + directory + " has no " + archive.getFileName() + " (and no "
                + chart.name() + "/ directory of version " + chart.version() + "); it holds: " + listing() + ".");
    }

    private static String version(Path chartDirectory) {
        try (Stream<String> lines = Files.lines(chartDirectory.resolve("Chart.yaml"))) {
            return lines.filter(l -> l.startsWith("version:"))
                    .map(l -> l.substring("version:".length()).trim().replace("\"", "").replace("'", ""))
                    .findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String listing() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> a + ", " + b)
                    .orElse("nothing");
        } catch (IOException e) {
            return "nothing readable";
        }
    }
}
