package meshonboarder.steps.aws;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.ListPeersService;
import meshonboarder.mesh.Peers;

/** {@code ListPeers}: the other members of the mesh ({@code $.peers}), for both state machines. */
public final class ListPeersHandler extends StepHandler<ListPeersHandler.Input, Peers> {

    /** The ASL builds this from {@code $.cluster} (onboarding) or {@code $.lookup.member} (offboarding). */
    public record Input(@Required("from $.cluster or $.lookup.member") String meshId,
                        @Required("from $.cluster or $.lookup.member") String clusterName,
                        @Required("from $.cluster or $.lookup.member") String region) {
    }

    private final ListPeersService service;
    private final int maxConcurrency;

    public ListPeersHandler() {
        this(Wiring.fromEnvironment());
    }

    public ListPeersHandler(Wiring wiring) {
        super(Input.class);
        this.service = new ListPeersService(DynamoMeshMembers.from(wiring),
                new AwsEksClusters(wiring.aws()));
        this.maxConcurrency = wiring.env().integer("EXCHANGE_CONCURRENCY", 10);
    }

    @Override
    protected Peers handle(Input input) {
        return service.peers(input.meshId(), input.clusterName(), input.region(), maxConcurrency);
    }
}
