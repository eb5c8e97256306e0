package meshonboarder.steps.cluster;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.EksVpcCniAddons;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.PatchCniEgressService;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.cni.KubernetesAwsNodes;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshSettings;

/** {@code PatchCniEgress}: sets the VPC CNI egress the mesh needs on the new cluster (and peers on one network). */
public final class PatchCniEgressHandler extends StepHandler<PatchCniEgressHandler.Input, CniEgress> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster,
                        @Required("the output of GatherNetwork") NetworkFacts network) {
    }

    private final PatchCniEgressService service;

    public PatchCniEgressHandler() {
        this(Wiring.fromEnvironment());
    }

    public PatchCniEgressHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public PatchCniEgressHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        MeshSettings mesh = wiring.mesh();
        this.service = new PatchCniEgressService(mesh.meshMode(), new AwsEksClusters(wiring.aws()),
                DynamoMeshMembers.from(wiring), new EksVpcCniAddons(wiring.aws()),
                new KubernetesAwsNodes(connector));
    }

    @Override
    protected CniEgress handle(Input input) {
        return service.patch(input.cluster(), input.network());
    }
}
