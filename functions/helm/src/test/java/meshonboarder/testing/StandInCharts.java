package meshonboarder.testing;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stand-in Istio charts of the test resources ({@code charts/base}, {@code charts/istiod},
 * {@code charts/gateway}), packaged at any version into a directory laid out like a chart repository
 * ({@code <chart>-<version>.tgz}), ready for {@code ISTIO_CHART_REPOSITORY=file://...}. Works from the
 * test classes directory and from the test jar (the local runner).
 */
public final class StandInCharts {

    public static final List<String> CHARTS = List.of("base", "istiod", "gateway");

    private static Path shared;
    private static final Set<String> SHARED_VERSIONS = new HashSet<>();

    private StandInCharts() {
    }

    /** One repository directory for the whole JVM, with at least these versions packaged (packaging takes a while). */
    public static synchronized Path shared(String... versions) {
        try {
            if (shared == null) {
                shared = Files.createTempDirectory("stand-in-charts-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String version : versions) {
            if (SHARED_VERSIONS.add(version)) {
                repository(shared, version);
            }
        }
        return shared;
    }

    /** Packages every stand-in chart at each version into {@code repository} and returns it. */
    public static Path repository(Path repository, String... versions) {
        try {
            Files.createDirectories(repository);
            for (String version : versions) {
                for (String chart : CHARTS) {
                    Path source = Files.createTempDirectory("chart-src-").resolve(chart);
                    copyChart(chart, source);
                    setVersion(source.resolve("Chart.yaml"), version);
                    setImageTag(source.resolve("values.yaml"), version);
                    new Helm(source).packageIt().withDestination(repository).call();
                }
            }
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file://} URL of a repository directory. */
    public static String url(Path repository) {
        return repository.toUri().toString();
    }

    private static void setVersion(Path chartYaml, String version) throws IOException {
        String text = Files.readString(chartYaml)
                .replaceAll("(?m)^version:.*$", "version: " + version)
                .replaceAll("(?m)^appVersion:.*$", "appVersion: " + version);
        Files.writeString(chartYaml, text);
    }

    /**
     * Istio's release tooling writes the release into the charts' {@code global.tag}, so istiod's image, and with it
     * its Deployment's pod template, changes with every version: an upgrade starts a rollout, as on a real cluster.
     */
    private static void setImageTag(Path valuesYaml, String version) throws IOException {
        String text = Files.readString(valuesYaml).replaceAll("(?m)^  tag: .*$", "  tag: " + version);
        Files.writeString(valuesYaml, text);
    }

    private static void copyChart(String chart, Path target) throws IOException {
        URI uri;
        try {
            uri = StandInCharts.class.getResource("/charts/" + chart + "/Chart.yaml").toURI();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("stand-in chart " + chart + " is not on the class path", e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.provider().getPath(uri).getParent(), target);
            }
        } else {
            copyTree(Path.of(uri).getParent(), target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }
}
