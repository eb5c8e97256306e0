package meshonboarder.mesh;

import meshonboarder.cluster.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RegisterMember}: records the cluster as a member of its mesh. It runs before RecheckNetwork and ListPeers
 * read the others, so of two clusters onboarding at the same time the one that lists second always sees the first,
 * and its exchange writes both directions: the two end up peered whatever the timing.
 */
public final class RegisterMemberService {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterMemberService.class);

    private final MeshMembers members;

    public RegisterMemberService(MeshMembers members) {
        this.members = members;
    }

    public Member register(Cluster cluster) {
        Member member = new Member(cluster.meshId(), cluster.clusterName(), cluster.region(), cluster.clusterArn(),
                cluster.ipFamily(), cluster.network());
        members.register(member);
        LOG.info("recorded as a member of mesh {}", cluster.meshId());
        return member;
    }
}
