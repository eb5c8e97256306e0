package meshonboarder.istio;

import java.util.Optional;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FollowGateway}, for one peer of an onboarding (an item of the Map that also exchanges remote secrets): the
 * peer's east-west gateway brought to the mesh's address type, when a new member makes a multi-network mesh need
 * dualstack gateways (see {@link GatewayAddressType}). The peer's membership record says which type its gateway has,
 * so a peer already right is not visited at all: the onboarding's Helm work grows with the peers that must change,
 * not with the mesh. A peer whose record holds no type (written before it was kept) or another type is visited,
 * switched by {@link GatewayFollower} if it must be, and its record written. A peer that cannot be reached fails
 * only its own Map item: the Catch records it {@code UNREACHED}, the onboarding ends {@code PEERS_UNREACHED}, and
 * the reconcile that starts switches the gateway (CheckIstio finds the drift). Gateways are never switched down.
 */
public final class FollowGatewayService {

    private static final Logger LOG = LoggerFactory.getLogger(FollowGatewayService.class);

    private final IstioClusters clusters;
    private final MeshMembers members;
    private final MeshMode mode;

    public FollowGatewayService(IstioClusters clusters, MeshMembers members, MeshMode mode) {
        this.clusters = clusters;
        this.members = members;
        this.mode = mode;
    }

    /** @param addressType the mesh's, as GatherNetwork decided it for this onboarding ({@code $.network}) */
    public PeerGateway follow(Member peer, GatewayAddressType addressType) {
        if (mode != MeshMode.MULTI_NETWORK || addressType != GatewayAddressType.DUALSTACK) {
            return result(peer, addressType, PeerGatewayOutcome.NOT_NEEDED);
        }
        if (peer.gatewayAddressType() == addressType) {
            LOG.info("east-west gateway of {}: {} in its membership record, not visited", peer.clusterName(),
                    addressType.value());
            return result(peer, addressType, PeerGatewayOutcome.RECORDED);
        }
        Optional<ReleaseOutcome> outcome;
        try (IstioCluster istio = clusters.open(peer.region(), peer.clusterName())) {
            outcome = GatewayFollower.follow(istio.releases(), addressType, peer.meshId() + "/" + peer.clusterName());
        }
        if (outcome.isEmpty()) {
            LOG.info("{} has no east-west gateway release: nothing to follow", peer.clusterName());
            return result(peer, addressType, PeerGatewayOutcome.NO_GATEWAY);
        }
        members.recordGateway(peer, addressType);
        LOG.info("east-west gateway of {} (record said {}): {}, recorded {}", peer.clusterName(),
                peer.gatewayAddressType() == null ? "nothing" : peer.gatewayAddressType().value(), outcome.get(),
                addressType.value());
        return result(peer, addressType, outcome.get() == ReleaseOutcome.UPGRADED
                ? PeerGatewayOutcome.UPGRADED : PeerGatewayOutcome.UNCHANGED);
    }

    private static PeerGateway result(Member peer, GatewayAddressType addressType, PeerGatewayOutcome outcome) {
        return new PeerGateway(peer.clusterName(), addressType.value(), outcome);
    }
}
