package meshonboarder.istio;

import java.util.Map;
import meshonboarder.cluster.Cluster;

/**
 * The values of the {@code istiod} release: who the cluster is in the mesh. The istiod chart reads
 * {@code env.*} at its top level (IstioOperator's {@code values.pilot.env} does not apply to it).
 */
public final class IstiodValues {

    private IstiodValues() {
    }

    public static Map<String, Object> desired(Cluster cluster) {
        return Values.merge(Map.of(
                "global", Map.of(
                        "meshID", cluster.meshId(),
                        "multiCluster", Map.of("clusterName", cluster.clusterName()),
                        "network", cluster.network()),
                // a re-issued cacerts Secret (EnsureCa) is picked up without restarting istiod
                "env", Map.of("AUTO_RELOAD_PLUGIN_CERTS", "true")),
                IpFamilies.singleStack(cluster.ipFamily()));
    }
}
