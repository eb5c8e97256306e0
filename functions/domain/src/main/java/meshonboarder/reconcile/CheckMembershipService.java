package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CheckMembership}: each membership record against EKS, one DescribeCluster per member. A member whose
 * cluster is gone, or whose mesh tag was removed or now names another mesh, departs. A cluster being deleted
 * departs too; one that is creating or updating stays (its API server still answers). A run removes at most
 * {@link ReconcileBounds#DEPARTURES_PER_RUN} departed members; the others stay out of this run and leave in the next.
 */
public final class CheckMembershipService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckMembershipService.class);

    private final MeshMembers members;
    private final EksClusters clusters;
    private final String meshTagKey;

    public CheckMembershipService(MeshMembers members, EksClusters clusters, String meshTagKey) {
        this.members = members;
        this.clusters = clusters;
        this.meshTagKey = meshTagKey;
    }

    public Membership check(String meshId, int maxConcurrency) {
        List<Member> staying = new ArrayList<>();
        List<Departure> departed = new ArrayList<>();
        for (Member member : members.list(meshId)) {
            Optional<EksCluster> eks = clusters.describe(member.region(), member.clusterName());
            if (eks.isEmpty() || "DELETING".equals(eks.get().status())) {
                departed.add(new Departure(member, DepartureReason.CLUSTER_DELETED, false));
            } else if (!meshId.equals(eks.get().tags().get(meshTagKey))) {
                departed.add(new Departure(member, DepartureReason.MESH_TAG_REMOVED, true));
            } else {
                staying.add(member);
            }
        }
        staying.sort(Comparator.comparing(Member::clusterName).thenComparing(Member::region));
        departed.sort(Comparator.comparing((Departure d) -> d.member().clusterName())
                .thenComparing(d -> d.member().region()));
        int cut = Math.min(ReconcileBounds.DEPARTURES_PER_RUN, departed.size());
        List<Departure> now = List.copyOf(departed.subList(0, cut));
        List<String> deferred = departed.subList(cut, departed.size()).stream()
                .map(d -> d.member().clusterName()).toList();
        LOG.info("{} members stay, {} depart {}, {} depart in the next run", staying.size(), now.size(),
                now.stream().map(d -> d.member().clusterName() + ":" + d.reason()).toList(), deferred.size());
        return new Membership(meshId, staying, now, maxConcurrency, deferred);
    }
}
