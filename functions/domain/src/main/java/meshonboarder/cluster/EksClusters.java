package meshonboarder.cluster;

import java.util.List;
import java.util.Optional;

/** Port: the EKS clusters of the account. */
public interface EksClusters {

    /** The cluster, or empty when EKS has no cluster of that name in that region. */
    Optional<EksCluster> describe(String region, String name);

    /**
     * The cluster of that EKS name in {@code account} (null: the hub's own), as an event or a manual input names it;
     * {@link #describe(String, String)} finds a cluster by its name in the mesh. Doubles that know one account only
     * keep this default.
     */
    default Optional<EksCluster> describe(String account, String region, String eksName) {
        return describe(region, eksName);
    }

    /** Names of every cluster in the region. */
    List<String> list(String region);
}
