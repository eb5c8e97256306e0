package meshonboarder.steps.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.IstioCheck;
import meshonboarder.reconcile.Membership;
import meshonboarder.reconcile.ReconcileReport;
import meshonboarder.reconcile.RemoteSecretsCheck;
import meshonboarder.reconcile.ReportService;

/**
 * {@code ReportReconcile}: what the run repaired and what is still broken ({@code $.report}); the state machine puts
 * it on the bus and its metrics into CloudWatch.
 */
public final class ReportReconcileHandler extends StepHandler<ReportReconcileHandler.Input, ReconcileReport> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of CheckMembership") Membership membership,
                        List<JsonNode> departures, List<JsonNode> ensured, List<JsonNode> cas,
                        @Required("the output of CheckRemoteSecrets") RemoteSecretsCheck remoteSecrets,
                        List<JsonNode> repaired, List<JsonNode> rotations, List<JsonNode> revocations, IstioCheck istio,
                        JsonNode istioRollout) {
    }

    private final ReportService service;

    public ReportReconcileHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReportReconcileHandler(Wiring wiring) {
        super(Input.class);
        this.service = new ReportService(Clock.systemUTC(), wiring.env().integer("ROOT_CA_WARNING_DAYS", 180));
    }

    @Override
    protected ReconcileReport handle(Input input) {
        return service.report(input.membership(), input.departures(), input.ensured(), input.cas(), input.remoteSecrets(),
                input.repaired(), input.rotations(), input.revocations(),
                input.istio(), input.istioRollout());
    }
}
