package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.cluster.Cluster;
import meshonboarder.mesh.Member;

/**
 * One item of {@code $.remoteSecrets.repairs}: a pair whose remote secrets are rewritten by the onboarding's own
 * {@code ExchangeRemoteSecrets} step, which reads {@code cluster} and {@code peer}.
 *
 * @param problems what was wrong, one sentence per broken direction ("eks-1 holds eks-2: STALE_TOKEN")
 */
public record PairRepair(Cluster cluster, Member peer, List<String> problems) {

    static PairRepair of(String meshId, Member first, Member second, List<String> problems) {
        Cluster cluster = new Cluster(first.clusterName(), first.region(), meshId, first.network(), first.clusterArn(),
                Cluster.ACTIVE, null, first.ipFamily(), null, null, null, false);
        return new PairRepair(cluster, second, List.copyOf(problems));
    }
}
