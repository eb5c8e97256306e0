package meshonboarder.discovery;

import java.util.List;

/**
 * The output of {@code DiscoverClusters} ({@code $.discovery}): one entry per mesh that this run reconciles, the
 * meshes that only discovery found (no member yet) included, and the onboardings to start.
 *
 * @param start     every discovered cluster, as {@code StartOnboardings} gives it to OnboardCluster
 * @param described DescribeCluster calls made (one per cluster that is no member)
 */
public record Discovery(List<MeshDiscovery> meshes, List<Start> start, int described) {

    public Discovery {
        meshes = List.copyOf(meshes);
        start = List.copyOf(start);
    }

    static Discovery of(List<MeshDiscovery> meshes, int described) {
        List<Start> start = meshes.stream().flatMap(m -> m.discovered().stream()
                .map(c -> new Start(c.clusterName(), c.region(), m.meshId()))).toList();
        return new Discovery(meshes, start, described);
    }

    /** One OnboardCluster input: the manual input's fields, so Resolve checks the tag still names this mesh. */
    public record Start(String clusterName, String region, String meshId) {
    }
}
