package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.aws.SsmLegacyMembers;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.MembershipCarryOver;
import meshonboarder.reconcile.PlanReconcileService;
import meshonboarder.reconcile.ReconcilePlan;

/**
 * {@code PlanReconcile}: the execution input (by hand, schedule, deploy, UntagResource, announcement, or a scheduled
 * run's child for one mesh) to {@code $.plan};
 * carries members still recorded in SSM (versions before the mesh table) over first.
 */
public final class PlanReconcileHandler extends StepHandler<JsonNode, ReconcilePlan> {

    private final PlanReconcileService service;

    public PlanReconcileHandler() {
        this(Wiring.fromEnvironment());
    }

    public PlanReconcileHandler(Wiring wiring) {
        super(JsonNode.class);
        DynamoMeshMembers members = DynamoMeshMembers.from(wiring);
        this.service = new PlanReconcileService(members, new MembershipCarryOver(
                new SsmLegacyMembers(wiring.aws(), wiring.mesh().secretPrefix()), members), wiring.mesh());
    }

    @Override
    protected ReconcilePlan handle(JsonNode input) {
        return service.plan(input);
    }
}
