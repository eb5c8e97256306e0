package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.SsmMeshMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.PlanReconcileService;
import meshonboarder.reconcile.ReconcilePlan;

/** {@code PlanReconcile}: the execution input (by hand, schedule, UntagResource or announcement) to {@code $.plan}. */
public final class PlanReconcileHandler extends StepHandler<JsonNode, ReconcilePlan> {

    private final PlanReconcileService service;

    public PlanReconcileHandler() {
        this(Wiring.fromEnvironment());
    }

    public PlanReconcileHandler(Wiring wiring) {
        super(JsonNode.class);
        this.service = new PlanReconcileService(new SsmMeshMembers(wiring.aws(), wiring.mesh().secretPrefix()), wiring.mesh());
    }

    @Override
    protected ReconcilePlan handle(JsonNode input) {
        return service.plan(input);
    }
}
