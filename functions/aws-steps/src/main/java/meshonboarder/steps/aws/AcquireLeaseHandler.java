package meshonboarder.steps.aws;

import java.time.Clock;
import meshonboarder.aws.DynamoMeshLeases;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.AcquireLeaseService;
import meshonboarder.reconcile.LeaseResult;

/** {@code AcquireLease}: the mesh's reconcile lease for this run ({@code $.lease}), or {@code ALREADY_RUNNING} when another run holds it. */
public final class AcquireLeaseHandler extends StepHandler<AcquireLeaseHandler.Input, LeaseResult> {

    /** The holder is the execution. */
    public record Input(@Required("$$.Execution.Id, from the state machine's Parameters") String executionArn,
                        @Required("one item of $.discovery.meshes") String meshId) {
    }

    private final AcquireLeaseService service;

    public AcquireLeaseHandler() {
        this(Wiring.fromEnvironment());
    }

    public AcquireLeaseHandler(Wiring wiring) {
        super(Input.class);
        this.service = new AcquireLeaseService(DynamoMeshLeases.from(wiring));
    }

    @Override
    protected LeaseResult handle(Input input) {
        return service.acquire(input.meshId(), input.executionArn(), Clock.systemUTC().instant());
    }
}
