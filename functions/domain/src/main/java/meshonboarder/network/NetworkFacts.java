package meshonboarder.network;

import java.util.List;
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

    /** The existing members, whose gateways may have to follow the mesh. */
    public List<MemberNetwork> peers() {
        return members.stream().filter(MemberNetwork::peer).toList();
    }
}
