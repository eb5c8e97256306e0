package meshonboarder.steps.cluster;

import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.istio.IstioReadiness;
import meshonboarder.istio.WaitIstioReadyService;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.istio.KubernetesIstioWorkloads;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.wait.PollPolicy;

/** {@code WaitIstioReady}: one look at istiod and the east-west gateway; the ASL loops on {@code $.istioReady.ready}. */
public final class WaitIstioReadyHandler extends StepHandler<WaitIstioReadyHandler.Input, IstioReadiness> {

    /** The execution state's fields this step reads; {@code istioReady} is absent on the first check. */
    public record Input(@Required("the output of Resolve") Cluster cluster,
                        @Required("the output of InstallIstio") IstioInstallation istio, IstioReadiness istioReady) {
    }

    private final WaitIstioReadyService service;

    public WaitIstioReadyHandler() {
        this(Wiring.fromEnvironment());
    }

    public WaitIstioReadyHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public WaitIstioReadyHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new WaitIstioReadyService(new KubernetesIstioWorkloads(connector),
                PollPolicy.from(wiring.env(), "ISTIO_READY_TIMEOUT_SECONDS", 360));
    }

    @Override
    protected IstioReadiness handle(Input input) {
        return service.check(input.cluster(), input.istio(), input.istioReady());
    }
}
