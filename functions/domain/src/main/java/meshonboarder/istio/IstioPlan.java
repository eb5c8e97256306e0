package meshonboarder.istio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.settings.MeshMode;

/**
 * The Istio releases a cluster should have, in the order Istio documents for installs and upgrades: base
 * (CRDs) first, then istiod, then the gateways. Each release's values are mesh-onboarder's with the user's
 * merged over them.
 */
public final class IstioPlan {

    private IstioPlan() {
    }

    /** @param addressType the east-west gateway's NLB address type, from the mesh ({@code $.network}) */
    public static List<ReleaseRequest> releases(Cluster cluster, MeshMode mode, IstioSettings settings,
                                                UserValues user, GatewayAddressType addressType) {
        List<ReleaseRequest> releases = new ArrayList<>();
        releases.add(release(Istio.BASE_RELEASE, Istio.BASE_CHART, Map.of(), settings, user));
        releases.add(release(Istio.ISTIOD_RELEASE, Istio.ISTIOD_CHART, IstiodValues.desired(cluster), settings, user));
        if (settings.ingressGateway()) {
            releases.add(release(Istio.INGRESS_RELEASE, Istio.GATEWAY_CHART, GatewayValues.ingress(cluster),
                    settings, user));
        }
        if (mode == MeshMode.MULTI_NETWORK) {
            releases.add(release(Istio.EASTWEST_RELEASE, Istio.GATEWAY_CHART,
                    GatewayValues.eastWest(cluster, settings.eastWestScheme(), addressType), settings, user));
        }
        return List.copyOf(releases);
    }

    private static ReleaseRequest release(String release, String chart, Map<String, Object> values,
                                          IstioSettings settings, UserValues user) {
        return new ReleaseRequest(release, Istio.NAMESPACE, new ChartRef(chart, settings.version()),
                Values.merge(values, user.forRelease(release)));
    }
}
