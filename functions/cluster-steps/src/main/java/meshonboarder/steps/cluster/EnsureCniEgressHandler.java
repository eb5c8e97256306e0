package meshonboarder.steps.cluster;

import java.util.List;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.EksVpcCniAddons;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.EnsureCniEgressService;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.cni.KubernetesAwsNodes;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;

/**
 * {@code EnsureCniEgress} (ReconcileMesh): puts back on one member the VPC CNI egress PatchCniEgress set there;
 * a member whose CNI has it is not written.
 */
public final class EnsureCniEgressHandler extends StepHandler<EnsureCniEgressHandler.Input, CniEgress> {

    /** The execution state's fields this step reads: the member, and the mesh's members from CheckMembership. */
    public record Input(Cluster cluster, List<Member> members) {
    }

    private final EnsureCniEgressService service;

    public EnsureCniEgressHandler() {
        this(Wiring.fromEnvironment());
    }

    public EnsureCniEgressHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public EnsureCniEgressHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new EnsureCniEgressService(wiring.mesh().meshMode(), new AwsEksClusters(wiring.aws()),
                new EksVpcCniAddons(wiring.aws()), new KubernetesAwsNodes(connector));
    }

    @Override
    protected CniEgress handle(Input input) {
        if (input.cluster() == null || input.cluster().clusterName() == null || input.cluster().ipFamily() == null) {
            throw new InvalidInput("EnsureCniEgress needs $.cluster with clusterName, region and ipFamily (a member "
                    + "from CheckMembership).");
        }
        if (input.members() == null) {
            throw new InvalidInput("EnsureCniEgress needs $.members, the members CheckMembership kept.");
        }
        return service.ensure(input.cluster(), input.members());
    }
}
