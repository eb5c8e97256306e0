package meshonboarder.cni;

import java.util.List;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cni.EgressDecision.ClusterFamily;
import meshonboarder.cni.EgressDecision.Plan;
import meshonboarder.mesh.Member;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReconcileMesh's {@code EnsureCniEgress}: puts back on one member what {@code PatchCniEgress} set there, should
 * someone have reset it; a CNI that has it is not written ({@link CniEgressPolicy}). The mesh is the members
 * CheckMembership kept (no SSM read, so a run reads linearly in the members); only this member is acted on, every
 * member gets its own turn. The subnets are not checked again: the onboarding that first needed V6 egress checked
 * them.
 */
public final class EnsureCniEgressService {

    private static final Logger LOG = LoggerFactory.getLogger(EnsureCniEgressService.class);

    private final CniEgressPolicy policy;

    public EnsureCniEgressService(MeshMode mode, EksClusters clusters, VpcCniAddons addons, AwsNodes awsNodes) {
        this.policy = new CniEgressPolicy(mode, clusters, addons, awsNodes);
    }

    public CniEgress ensure(Cluster member, List<Member> members) {
        List<ClusterFamily> peers = CniEgressPolicy.others(member.clusterName(), member.region(), members);
        Plan own = EgressDecision.decide(policy.mode(), new ClusterFamily(member.clusterName(), member.region(),
                member.ipFamily()), peers).get(0);
        CniEgress report = policy.apply(List.of(own), null);
        LOG.info("CNI egress ensured ({}): changed {}", policy.mode().value(), report.changedClusters());
        return report;
    }
}
