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
import meshonboarder.network.NetworkRecheck;
import meshonboarder.network.RecheckNetworkService;
import meshonboarder.settings.MeshSettings;

/**
 * {@code RecheckNetwork}: GatherNetwork's reading again, after RegisterMember ({@code $.recheck}); a changed gateways
 * line sends the onboarding back to GatherNetwork.
 */
public final class RecheckNetworkHandler extends StepHandler<RecheckNetworkHandler.Input, NetworkRecheck> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster,
                        @Required("the output of GatherNetwork") NetworkFacts network) {
    }

    private final RecheckNetworkService service;

    public RecheckNetworkHandler() {
        this(Wiring.fromEnvironment());
    }

    public RecheckNetworkHandler(Wiring wiring) {
        super(Input.class);
        MeshSettings mesh = wiring.mesh();
        // GatherNetwork's reading, with its settings: the two must decide the gateways alike
        this.service = new RecheckNetworkService(new GatherNetworkService(mesh.meshMode(),
                EastWestScheme.from(wiring.env()), new AwsEksClusters(wiring.aws()),
                DynamoMeshMembers.from(wiring), new Ec2VpcNetworks(wiring.aws())));
    }

    @Override
    protected NetworkRecheck handle(Input input) {
        return service.recheck(input.cluster(), input.network());
    }
}
