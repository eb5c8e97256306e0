package meshonboarder.cni;

import java.util.List;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cni.EgressDecision.ClusterFamily;
import meshonboarder.cni.EgressDecision.Plan;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code PatchCniEgress} step: turns on the VPC CNI egress the mesh needs on the new cluster and, on a single
 * network, on its peers ({@link CniEgressPolicy}: everything is read and checked before the first write).
 */
public final class PatchCniEgressService {

    private static final Logger LOG = LoggerFactory.getLogger(PatchCniEgressService.class);

    private final CniEgressPolicy policy;
    private final MeshMembers members;

    public PatchCniEgressService(MeshMode mode, EksClusters clusters, MeshMembers members, VpcCniAddons addons,
                                 AwsNodes awsNodes) {
        this.policy = new CniEgressPolicy(mode, clusters, addons, awsNodes);
        this.members = members;
    }

    /** @param network every member's subnets, as {@code GatherNetwork} read them ({@code $.network}) */
    public CniEgress patch(Cluster cluster, NetworkFacts network) {
        // the mesh's other members, then what each cluster needs: pure, from the mode and the families
        List<ClusterFamily> peers = CniEgressPolicy.others(cluster.clusterName(), cluster.region(),
                members.list(cluster.meshId()));
        List<Plan> plans = EgressDecision.decide(policy.mode(), new ClusterFamily(cluster.clusterName(),
                cluster.region(), cluster.ipFamily()), peers);
        CniEgress report = policy.apply(plans, network);
        LOG.info("CNI egress ({}): changed {}, {} warning(s)", policy.mode().value(),
                report.changedClusters(), report.warnings().size());
        return report;
    }
}
