package meshonboarder.steps.cluster;

import java.time.Clock;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.remote.KubernetesReaderTokens;
import meshonboarder.lambda.StepHandler;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.RotateReaderTokenService;
import meshonboarder.reconcile.TokenRotation;

/**
 * {@code RotateReaderToken}, one Map item: a member whose reader token is older than
 * {@code ReaderTokenRotationDays} gets a new token Secret; the step ends once its token is filled.
 */
public final class RotateReaderTokenHandler extends StepHandler<RotateReaderTokenHandler.Input, TokenRotation> {

    /** The Map's ItemSelector: {@code {member}}. */
    public record Input(Member member) {
    }

    private final RotateReaderTokenService service;

    public RotateReaderTokenHandler() {
        this(Wiring.fromEnvironment());
    }

    public RotateReaderTokenHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public RotateReaderTokenHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new RotateReaderTokenService(new KubernetesReaderTokens(connector), Clock.systemUTC(),
                RotateReaderTokenService.period(wiring.env()));
    }

    @Override
    protected TokenRotation handle(Input input) {
        if (input.member() == null) {
            throw new InvalidInput("RotateReaderToken needs member, one item of $.membership.members.");
        }
        return service.rotate(input.member());
    }
}
