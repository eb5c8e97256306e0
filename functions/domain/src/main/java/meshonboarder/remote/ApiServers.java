package meshonboarder.remote;

/**
 * Port: the API server of a cluster. On AWS it is DescribeCluster; tests give the stand-in API servers' own
 * endpoints and CAs, so that a kubeconfig written into one stand-in really reaches another.
 */
public interface ApiServers {

    /**
     * @throws meshonboarder.errors.ClusterNotFound when there is no such cluster
     * @throws meshonboarder.errors.Transient       when the cluster has no endpoint yet
     */
    ApiServer describe(String region, String clusterName);
}
