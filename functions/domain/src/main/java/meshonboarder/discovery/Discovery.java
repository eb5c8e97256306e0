package meshonboarder.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import meshonboarder.remote.Digests;

/**
 * The output of {@code DiscoverClusters} ({@code $.discovery}): one entry per mesh that this run reconciles, the
 * meshes that only discovery found (no member yet) included, and the onboardings to start. A run for every mesh
 * reconciles none itself: its meshes are in {@code reconciles} instead, one child execution each.
 *
 * @param start      every discovered cluster, as {@code StartOnboardings} gives it to OnboardCluster
 * @param described  DescribeCluster calls made (one per cluster that is no member)
 * @param reconciles the child executions {@code StartEachMesh} starts, one per mesh (a run that fans out)
 */
public record Discovery(List<MeshDiscovery> meshes, List<Start> start, int described, List<Reconcile> reconciles) {

    public Discovery {
        meshes = List.copyOf(meshes);
        start = List.copyOf(start);
        reconciles = List.copyOf(reconciles);
    }

    static Discovery of(List<MeshDiscovery> meshes, int described) {
        List<Start> start = meshes.stream().flatMap(m -> m.discovered().stream()
                .map(c -> new Start(c.clusterName(), c.region(), m.meshId()))).toList();
        return new Discovery(meshes, start, described, List.of());
    }

    /** A child's: its mesh as the run that started it found it, and nothing to start (that run started them). */
    static Discovery carried(MeshDiscovery mesh) {
        return new Discovery(List.of(mesh), List.of(), 0, List.of());
    }

    /** The same onboardings to start, and each mesh handed to a child execution of this run instead of reconciled. */
    Discovery fannedOut(String executionArn) {
        return new Discovery(List.of(), start, described,
                meshes.stream().map(m -> new Reconcile(Reconcile.name(executionArn, m.meshId()), m)).toList());
    }

    /** One OnboardCluster input: the manual input's fields, so Resolve checks the tag still names this mesh. */
    public record Start(String clusterName, String region, String meshId) {
    }

    /**
     * One child ReconcileMesh execution: its name and its mesh's discovery (its input carries that).
     *
     * @param name the same for the same run and mesh, so a StartExecution that is retried starts no second child
     */
    public record Reconcile(String name, MeshDiscovery discovery) {

        /** Execution names have 1 to 80 characters (StartExecution API reference). */
        static final int NAME_LIMIT = 80;
        private static final int HASH_CHARS = 16;

        /**
         * The mesh id (at most 63 characters), '-' and 16 hex digits of SHA-256 over the run's execution ARN and the
         * mesh id: at most 80 characters. A mesh id's '.' becomes '-': StartExecution's API reference asks names of
         * logged executions to hold only 0-9, A-Z, a-z, '-' and '_'; the hash still tells "a.b" from "a-b".
         */
        static String name(String executionArn, String meshId) {
            String readable = meshId.replace('.', '-');
            readable = readable.substring(0, Math.min(readable.length(), NAME_LIMIT - HASH_CHARS - 1));
            return readable + "-" + Digests.sha256((executionArn + "\n" + meshId).getBytes(StandardCharsets.UTF_8))
                    .substring(0, HASH_CHARS);
        }
    }
}
