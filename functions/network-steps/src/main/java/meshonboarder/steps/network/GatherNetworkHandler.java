package meshonboarder.steps.network;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.aws.network.Ec2VpcNetworks;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.EastWestScheme;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.network.GatherNetworkService;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshSettings;

/** {@code GatherNetwork}: every member's VPC and subnets from EC2, before any write ({@code $.network}). */
public final class GatherNetworkHandler extends StepHandler<GatherNetworkHandler.Input, NetworkFacts> {

    /**
     * The execution state's fields this step reads; {@code network} is absent on the first gather, and present when
     * RecheckNetwork sent the onboarding back here.
     */
    public record Input(@Required("the output of Resolve") Cluster cluster, NetworkFacts network) {
    }

    private final GatherNetworkService service;

    public GatherNetworkHandler() {
        this(Wiring.fromEnvironment());
    }

    public GatherNetworkHandler(Wiring wiring) {
        super(Input.class);
        MeshSettings mesh = wiring.mesh();
        this.service = new GatherNetworkService(mesh.meshMode(), EastWestScheme.from(wiring.env()),
                new AwsEksClusters(wiring.aws()), DynamoMeshMembers.from(wiring),
                new Ec2VpcNetworks(wiring.aws()));
    }

    @Override
    protected NetworkFacts handle(Input input) {
        return service.gather(input.cluster(), input.network());
    }
}
