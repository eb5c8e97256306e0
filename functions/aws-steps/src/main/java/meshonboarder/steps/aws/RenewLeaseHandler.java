package meshonboarder.steps.aws;

import java.time.Clock;
import meshonboarder.aws.DynamoMeshLeases;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.LeaseResult;
import meshonboarder.reconcile.RenewLeaseService;

/** {@code RenewLease}: before each member of the rollout, this run's lease extended, or {@code LeaseLost}. */
public final class RenewLeaseHandler extends StepHandler<RenewLeaseHandler.Input, LeaseResult> {

    /** The holder is the execution. */
    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("$.cluster.meshId, the member's mesh") String meshId) {
    }

    private final RenewLeaseService service;

    public RenewLeaseHandler() {
        this(Wiring.fromEnvironment());
    }

    public RenewLeaseHandler(Wiring wiring) {
        super(Input.class);
        this.service = new RenewLeaseService(DynamoMeshLeases.from(wiring));
    }

    @Override
    protected LeaseResult handle(Input input) {
        return service.renew(input.meshId(), input.executionArn(), Clock.systemUTC().instant());
    }
}
