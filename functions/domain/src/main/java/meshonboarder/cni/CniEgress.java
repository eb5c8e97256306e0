package meshonboarder.cni;

import java.util.List;

/**
 * The output of {@code PatchCniEgress} ({@code $.cni}), read by {@code WaitCniRollout} and the announcement.
 *
 * @param meshMode        {@code single-network} or {@code multi-network}
 * @param clusters        every cluster considered: the new one and, on a single network, its peers
 * @param changedClusters names of the clusters whose CNI was patched
 * @param warnings        what is not ready on the platform, each with its fix
 * @param restartNote     present when anything changed: running pods need a restart to get the new egress
 */
public record CniEgress(String meshMode, List<ClusterCni> clusters, List<String> changedClusters,
                        List<String> warnings, String restartNote) {

    public CniEgress {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        changedClusters = changedClusters == null ? List.of() : List.copyOf(changedClusters);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
