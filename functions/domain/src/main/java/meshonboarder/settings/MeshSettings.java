package meshonboarder.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What every step knows about the mesh setup, from the template's parameters.
 *
 * @param meshTagKey    tag key whose value is the mesh id ({@code istio-mesh})
 * @param networkTagKey tag key whose value is the cluster's Istio network ({@code istio-network})
 * @param meshMode      single-network or multi-network
 * @param secretPrefix  prefix of the mesh's Secrets Manager names and SSM parameters ({@code istio-mesh})
 * @param region        the controller's own region
 * @param peerRegions   regions where members may live; always contains {@code region}
 */
public record MeshSettings(String meshTagKey, String networkTagKey, MeshMode meshMode, String secretPrefix,
                           String region, List<String> peerRegions) {

    public static MeshSettings from(Env env) {
        String region = env.required("AWS_REGION");
        List<String> peers = new ArrayList<>(List.of(region));
        env.list("PEER_REGIONS").stream().filter(r -> !peers.contains(r)).forEach(peers::add);
        return new MeshSettings(
                env.string("MESH_TAG_KEY", "istio-mesh"),
                env.string("NETWORK_TAG_KEY", "istio-network"),
                MeshMode.of(env.string("MESH_MODE", MeshMode.MULTI_NETWORK.value())),
                env.string("SECRET_PREFIX", "istio-mesh"),
                region,
                List.copyOf(peers));
    }
}
