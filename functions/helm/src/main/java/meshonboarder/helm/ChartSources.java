package meshonboarder.helm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import meshonboarder.istio.ChartRepository;
import meshonboarder.istio.RegistryCredentials;

/**
 * The {@link ChartSource} for a repository setting. Downloaded archives are kept under /tmp, per repository; an OCI
 * registry is pulled from with {@code credentials} (ECR's, from the aws module) where it asks for them.
 */
public final class ChartSources {

    private ChartSources() {
    }

    public static ChartSource of(ChartRepository repository, RegistryCredentials credentials) {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "mesh-onboarder-charts",
                HttpChartRepository.sha256(repository.location().getBytes(StandardCharsets.UTF_8))
                        .substring(0, 16));
        return switch (repository.kind()) {
            case FILE -> new LocalCharts(repository.directory());
            case HTTP -> new HttpChartRepository(repository.location(), cache, HttpChartRepository.defaultClient());
            case OCI -> new OciChartRegistry(repository.location(), isLocal(repository.location()), cache,
                    OciChartRegistry.defaultClient(), credentials);
        };
    }

    /** Plain HTTP only for a registry on this machine (the local runner's); anything else is HTTPS. */
    private static boolean isLocal(String location) {
        String host = location.substring("oci://".length()).split("[/:]")[0];
        return host.equals("localhost") || host.equals("127.0.0.1");
    }
}
