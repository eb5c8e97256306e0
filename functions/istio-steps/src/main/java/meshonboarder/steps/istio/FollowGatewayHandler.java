package meshonboarder.steps.istio;

import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.EcrCredentials;
import meshonboarder.aws.Wiring;
import meshonboarder.helm.ChartSources;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.istio.ChartRepository;
import meshonboarder.istio.FollowGatewayService;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.PeerGateway;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstioClusters;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;

/**
 * {@code FollowGateway}, an item of the onboarding's per-peer Map: {@code peer}'s east-west gateway brought to the
 * mesh's address type when its membership record does not already say so; the result goes to the item's
 * {@code gateway}.
 */
public final class FollowGatewayHandler extends StepHandler<FollowGatewayHandler.Input, PeerGateway> {

    /** @param gatewayAddressType the mesh's ({@code $.network.gatewayAddressType}, from GatherNetwork) */
    public record Input(@Required("an item of $.peers.peers (ListPeers)") Member peer,
                        @Required("$.network.gatewayAddressType (GatherNetwork)") GatewayAddressType gatewayAddressType) {
    }

    private final FollowGatewayService service;

    public FollowGatewayHandler() {
        this(Wiring.fromEnvironment());
    }

    public FollowGatewayHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public FollowGatewayHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        // a switch keeps the peer's deployed chart version: fetched from the same repository InstallIstio uses
        HelmAccess helm = HelmJavaAccess.of(wiring.aws().priming(),
                ChartSources.of(ChartRepository.from(wiring.env()), new EcrCredentials(wiring.aws())));
        this.service = new FollowGatewayService(new KubernetesIstioClusters(connector, helm),
                DynamoMeshMembers.from(wiring), wiring.mesh().meshMode());
    }

    @Override
    protected PeerGateway handle(Input input) {
        return service.follow(input.peer(), input.gatewayAddressType());
    }
}
