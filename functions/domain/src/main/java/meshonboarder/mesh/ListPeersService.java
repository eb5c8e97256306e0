package meshonboarder.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ListPeers}, for both state machines: every other member of the mesh that still exists and is ACTIVE, in
 * whichever region it lives. Onboarding lists after RegisterMember, so the new cluster is recorded before its peers
 * are read (see {@link RegisterMemberService}).
 */
public final class ListPeersService {

    private static final Logger LOG = LoggerFactory.getLogger(ListPeersService.class);

    private final MeshMembers members;
    private final EksClusters clusters;

    public ListPeersService(MeshMembers members, EksClusters clusters) {
        this.members = members;
        this.clusters = clusters;
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
