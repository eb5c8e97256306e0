package meshonboarder.mesh;

import meshonboarder.cluster.Cluster;
import meshonboarder.network.GatewayAddressType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RegisterMember}: records the cluster as a member of its mesh. It runs before RecheckNetwork and ListPeers
 * read the others, so of two clusters onboarding at the same time the one that lists second always sees the first,
 * and its exchange writes both directions: the two end up peered whatever the timing. The record keeps the address
 * type of the cluster's east-west gateway, so that later onboardings know it without visiting the cluster.
 */
public final class RegisterMemberService {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterMemberService.class);

    private final MeshMembers members;

    public RegisterMemberService(MeshMembers members) {
        this.members = members;
    }

    /**
     * @param gatewayAddressType the address type of the east-west gateway InstallIstio gave the cluster
     *                           ({@code $.istio}); null when unknown or none: peers then visit it when they must know
     */
    public Member register(Cluster cluster, GatewayAddressType gatewayAddressType) {
        Member member = Member.of(cluster, gatewayAddressType);
        members.register(member);
        LOG.info("recorded as a member of mesh {}", cluster.meshId());
        return member;
    }
}
