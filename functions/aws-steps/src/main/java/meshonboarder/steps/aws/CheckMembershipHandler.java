package meshonboarder.steps.aws;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.Membership;
import meshonboarder.reconcile.CheckMembershipService;

/** {@code CheckMembership}: the mesh's membership records against EKS ({@code $.membership}). */
public final class CheckMembershipHandler extends StepHandler<CheckMembershipHandler.Input, Membership> {

    public record Input(@Required("one item of $.plan.meshes") String meshId) {
    }

    private final CheckMembershipService service;
    private final int maxConcurrency;

    public CheckMembershipHandler() {
        this(Wiring.fromEnvironment());
    }

    public CheckMembershipHandler(Wiring wiring) {
        super(Input.class);
        this.service = new CheckMembershipService(DynamoMeshMembers.from(wiring),
                new AwsEksClusters(wiring.aws()), wiring.mesh().meshTagKey());
        this.maxConcurrency = wiring.env().integer("EXCHANGE_CONCURRENCY", 10);
    }

    @Override
    protected Membership handle(Input input) {
        return service.check(input.meshId(), maxConcurrency);
    }
}
