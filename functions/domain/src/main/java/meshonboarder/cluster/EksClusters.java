package meshonboarder.cluster;

import java.util.List;
import java.util.Optional;

/** Port: the EKS clusters of the account. */
public interface EksClusters {

    /** The cluster, or empty when EKS has no cluster of that name in that region. */
    Optional<EksCluster> describe(String region, String name);

    /** Names of every cluster in the region. */
    List<String> list(String region);
}
