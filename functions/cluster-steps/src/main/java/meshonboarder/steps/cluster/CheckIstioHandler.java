package meshonboarder.steps.cluster;

import meshonboarder.aws.IstioValuesDocument;
import meshonboarder.aws.Wiring;
import meshonboarder.errors.InvalidInput;
import meshonboarder.istio.IstioSettings;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstioReleases;
import meshonboarder.lambda.StepHandler;
import meshonboarder.reconcile.CheckIstioService;
import meshonboarder.reconcile.IstioCheck;
import meshonboarder.reconcile.Membership;

/**
 * {@code CheckIstio}: each member's Istio releases against {@code IstioVersion} and the values the onboarding would
 * render today; the drifted members go to {@code $.istio.upgrades}, the rollout of the onboarding's own InstallIstio
 * and WaitIstioReady. Read-only: one LIST of Helm's release Secrets per member.
 */
public final class CheckIstioHandler extends StepHandler<CheckIstioHandler.Input, IstioCheck> {

    /** The execution state's fields this step reads. */
    public record Input(Membership membership) {
    }

    private final CheckIstioService service;

    public CheckIstioHandler() {
        this(Wiring.fromEnvironment());
    }

    public CheckIstioHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public CheckIstioHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        IstioSettings settings = IstioSettings.from(wiring.env());
        this.service = new CheckIstioService(new KubernetesIstioReleases(connector), settings, wiring.mesh().meshMode(),
                new IstioValuesDocument(wiring.aws(), settings.valuesParameter()));
    }

    @Override
    protected IstioCheck handle(Input input) {
        if (input.membership() == null) {
            throw new InvalidInput("CheckIstio needs $.membership, the output of CheckMembership.");
        }
        return service.check(input.membership());
    }
}
