package meshonboarder.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import meshonboarder.istio.LoadBalancerScheme;

/**
 * The {@code GatherNetwork} step's result ({@code $.network}): every member's network and what the mesh's
 * gateways need, decided from them.
 *
 * @param gatewayAddressType  the IP address type of every east-west gateway of the mesh (multi-network)
 * @param loadBalancerScheme  the east-west gateways' scheme, which decides the subnets they use
 * @param members             the cluster being onboarded first, then every recorded peer that still exists
 */
public record NetworkFacts(GatewayAddressType gatewayAddressType, LoadBalancerScheme loadBalancerScheme,
                           List<MemberNetwork> members) {

    public NetworkFacts {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * What the onboarding makes of the mesh's east-west gateways, as one line a Choice state can compare
     * ({@code $.network.gateways}): {@code ipv4} (this cluster's own gateway; no other is touched), or
     * {@code dualstack} and every member whose gateway is brought up to it (this cluster's by InstallIstio, each
     * peer's by FollowGateway in its item of the exchange Map). RecheckNetwork reads it again after
     * RegisterMember: a different line means another cluster registered meanwhile in a way the gateways must follow.
     */
    @JsonProperty("gateways")
    public String gateways() {
        if (gatewayAddressType == GatewayAddressType.IPV4) {
            return GatewayAddressType.IPV4.value();
        }
        return GatewayAddressType.DUALSTACK.value() + members.stream().map(m -> m.region() + "/" + m.clusterName())
                .sorted().collect(Collectors.joining(" ", " ", ""));
    }
}
