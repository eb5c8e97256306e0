package meshonboarder.helm;

import java.nio.file.Path;
import meshonboarder.aws.AwsClients;
import meshonboarder.istio.ChartRepository;

/** The {@link ChartSource} for a repository setting. Downloaded archives are kept under /tmp, per repository. */
public final class ChartSources {

    private ChartSources() {
    }

    public static ChartSource of(ChartRepository repository, AwsClients aws) {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "mesh-onboarder-charts",
                HttpChartRepository.sha256(repository.location().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .substring(0, 16));
        return switch (repository.kind()) {
            case FILE -> new LocalCharts(repository.directory());
            case HTTP -> new HttpChartRepository(repository.location(), cache, HttpChartRepository.defaultClient());
            case OCI -> new OciChartRegistry(repository.location(), isLocal(repository.location()), cache,
                    OciChartRegistry.defaultClient(), new EcrCredentials(aws));
        };
    }

    /** Plain HTTP only for a registry on this machine (the local runner's); anything else is HTTPS. */
    private static boolean isLocal(String location) {
        String host = location.substring("oci://".length()).split("[/:]")[0];
        return host.equals("localhost") || host.equals("127.0.0.1");
    }
}
