package meshonboarder.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RegisterMember} and {@code ListPeers}. The new cluster is recorded before peers are listed, so of
 * two clusters onboarding at the same time the one that lists second always sees the first, and its
 * exchange writes both directions: the two end up peered whatever the timing.
 */
public final class MembershipService {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);

    private final MeshMembers members;
    private final EksClusters clusters;

    public MembershipService(MeshMembers members, EksClusters clusters) {
        this.members = members;
        this.clusters = clusters;
    }

    public Member register(Cluster cluster) {
        Member member = new Member(cluster.meshId(), cluster.clusterName(), cluster.region(), cluster.clusterArn(),
                cluster.ipFamily(), cluster.network());
        members.register(member);
        LOG.info("recorded as a member of mesh {}", cluster.meshId());
        return member;
    }

    /** Every other member that still exists and is ACTIVE; the others are reported, not removed. */
    public Peers peers(String meshId, String clusterName, String region, int maxConcurrency) {
        List<Member> peers = new ArrayList<>();
        List<Peers.Skipped> skipped = new ArrayList<>();
        for (Member member : members.list(meshId)) {
            if (member.clusterName().equals(clusterName) && member.region().equals(region)) {
                continue;
            }
            Optional<EksCluster> eks = clusters.describe(member.region(), member.clusterName());
            if (eks.isEmpty()) {
                skipped.add(new Peers.Skipped(member.clusterName(), member.region(),
                        "the EKS cluster no longer exists; OffboardCluster removes its membership"));
            } else if (!"ACTIVE".equals(eks.get().status())) {
                skipped.add(new Peers.Skipped(member.clusterName(), member.region(),
                        "the EKS cluster is " + eks.get().status()));
            } else {
                peers.add(member);
            }
        }
        LOG.info("{} peers, {} skipped {}", peers.size(), skipped.size(), skipped);
        return new Peers(peers, skipped, maxConcurrency);
    }
}
