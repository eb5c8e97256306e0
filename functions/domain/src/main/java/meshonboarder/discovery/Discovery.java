package meshonboarder.discovery;

import java.util.List;

/**
 * The output of {@code DiscoverClusters} ({@code $.discovery}): one entry per mesh that this run reconciles, the
 * meshes that only discovery found (no member yet) included.
 *
 * @param described DescribeCluster calls made (one per cluster that is no member)
 */
public record Discovery(List<MeshDiscovery> meshes, int described) {
}
