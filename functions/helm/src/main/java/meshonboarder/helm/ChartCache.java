package meshonboarder.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import meshonboarder.istio.ChartRef;

/**
 * Chart archives downloaded by the remote chart sources, one file per chart version, kept for the warm invocations
 * that follow (in Lambda under /tmp, the only writable directory).
 */
final class ChartCache {

    private final Path directory;

    ChartCache(Path directory) {
        this.directory = directory;
    }

    Optional<Path> find(ChartRef chart) {
        Path archive = archive(chart);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /** Written beside and moved into place, so that a concurrent reader never sees half an archive. */
    Path keep(ChartRef chart, byte[] bytes) {
        Path archive = archive(chart);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, archive.getFileName().toString(), ".part");
            Files.write(partial, bytes);
            return Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a chart archive in " + directory, e);
        }
    }

    private Path archive(ChartRef chart) {
        return directory.resolve(chart.name() + "-" + chart.version() + ".tgz");
    }
}
