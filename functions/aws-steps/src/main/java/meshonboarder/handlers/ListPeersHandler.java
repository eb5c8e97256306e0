package meshonboarder.handlers;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.SsmMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.InvalidInput;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.MembershipService;
import meshonboarder.mesh.Peers;

/** {@code ListPeers}: the other members of the mesh ({@code $.peers}), for both state machines. */
public final class ListPeersHandler extends StepHandler<ListPeersHandler.Input, Peers> {

    /** The ASL builds this from {@code $.cluster} (onboarding) or {@code $.lookup.member} (offboarding). */
    public record Input(String meshId, String clusterName, String region) {
    }

    private final MembershipService service;
    private final int maxConcurrency;

    public ListPeersHandler() {
        this(Wiring.fromEnvironment());
    }

    public ListPeersHandler(Wiring wiring) {
        super(Input.class);
        this.service = new MembershipService(new SsmMeshMembers(wiring.aws(), wiring.mesh().secretPrefix()),
                new AwsEksClusters(wiring.aws()));
        this.maxConcurrency = wiring.env().integer("EXCHANGE_CONCURRENCY", 10);
    }

    @Override
    protected Peers handle(Input input) {
        if (input.meshId() == null || input.clusterName() == null || input.region() == null) {
            throw new InvalidInput("ListPeers needs meshId, clusterName and region.");
        }
        return service.peers(input.meshId(), input.clusterName(), input.region(), maxConcurrency);
    }
}
