package meshonboarder.istio;

/**
 * Port: Istio on the member clusters, one cluster at a time, as InstallIstio and RemoveIstio change it (on Kubernetes:
 * one client per cluster, and Helm through it).
 */
public interface IstioClusters {

    /** The cluster, connected as mesh-onboarder; the caller closes it. */
    IstioCluster open(String region, String clusterName);
}
