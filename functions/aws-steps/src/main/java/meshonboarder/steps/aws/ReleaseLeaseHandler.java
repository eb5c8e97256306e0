package meshonboarder.steps.aws;

import meshonboarder.aws.DynamoMeshLeases;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.LeaseResult;
import meshonboarder.reconcile.ReleaseLeaseService;

/** {@code ReleaseLease}: this run's lease given up at the end of the mesh, whatever the end. */
public final class ReleaseLeaseHandler extends StepHandler<ReleaseLeaseHandler.Input, LeaseResult> {

    /** The holder is the execution. */
    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("one item of $.discovery.meshes") String meshId) {
    }

    private final ReleaseLeaseService service;

    public ReleaseLeaseHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReleaseLeaseHandler(Wiring wiring) {
        super(Input.class);
        this.service = new ReleaseLeaseService(DynamoMeshLeases.from(wiring));
    }

    @Override
    protected LeaseResult handle(Input input) {
        return service.release(input.meshId(), input.executionArn());
    }
}
