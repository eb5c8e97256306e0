package meshonboarder.steps.aws;

import java.time.Clock;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.Membership;
import meshonboarder.reconcile.ReconcileReport;
import meshonboarder.reconcile.ReconcileResults;
import meshonboarder.reconcile.RemoteSecretsCheck;
import meshonboarder.reconcile.ReportReconcileService;

/**
 * {@code ReportReconcile}: what the run repaired and what is still broken ({@code $.report}), with the pairs this
 * execution's check kept in the mesh table; the state machine puts it on the bus and its metrics into CloudWatch.
 */
public final class ReportReconcileHandler extends StepHandler<ReportReconcileHandler.Input, ReconcileReport> {

    /** The ASL's Parameters: the two checks, what the run's Maps left nested under {@code results}, the run. */
    public record Input(@Required("the output of CheckMembership") Membership membership,
                        @Required("the output of CheckRemoteSecrets") RemoteSecretsCheck remoteSecrets,
                        ReconcileResults results, @Required("$$.Execution.Id") String executionArn) {
    }

    private final ReportReconcileService service;

    public ReportReconcileHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReportReconcileHandler(Wiring wiring) {
        super(Input.class);
        this.service = new ReportReconcileService(Clock.systemUTC(), wiring.env().integer("ROOT_CA_WARNING_DAYS", 180),
                DynamoMeshChecks.from(wiring));
    }

    @Override
    protected ReconcileReport handle(Input input) {
        return service.report(input.membership(), input.remoteSecrets(),
                input.results() == null ? ReconcileResults.none() : input.results(), input.executionArn());
    }
}
