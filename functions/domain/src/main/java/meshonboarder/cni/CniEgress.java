package meshonboarder.cni;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of {@code PatchCniEgress} ({@code $.cni}), read by {@code WaitCniRollout} and the announcement.
 *
 * @param meshMode        {@code single-network} or {@code multi-network}
 * @param clusters        every cluster considered: the new one and, on a single network, its peers
 * @param changedClusters names of the clusters whose CNI was patched
 * @param patchedEnv      the variables put on each of them (aws-node's): what ReconcileMesh's report names without
 *                        carrying every member's whole CNI object
 * @param warnings        what is not ready on the platform, each with its fix
 * @param restartNote     present when anything changed: running pods need a restart to get the new egress
 */
public record CniEgress(String meshMode, List<ClusterCni> clusters, List<String> changedClusters,
                        Map<String, Map<String, String>> patchedEnv, List<String> warnings, String restartNote) {

    public CniEgress {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        changedClusters = changedClusters == null ? List.of() : List.copyOf(changedClusters);
        patchedEnv = patchedEnv == null ? Map.of() : new TreeMap<>(patchedEnv);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
