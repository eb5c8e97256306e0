package meshonboarder.steps.cluster;

import meshonboarder.aws.EksVpcCniAddons;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cni.CniEgress;
import meshonboarder.cni.CniRollout;
import meshonboarder.cni.WaitCniRolloutService;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.cni.KubernetesAwsNodes;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.wait.PollPolicy;

/** {@code WaitCniRollout}: one rollout check of the patched CNIs; the ASL loops on {@code $.cniRollout.ready}. */
public final class WaitCniRolloutHandler extends StepHandler<WaitCniRolloutHandler.Input, CniRollout> {

    /** The execution state's fields this step reads; {@code cniRollout} is null on the first check. */
    public record Input(@Required("the output of Resolve") Cluster cluster,
                        @Required("the output of PatchCniEgress") CniEgress cni, CniRollout cniRollout) {
    }

    private final WaitCniRolloutService service;

    public WaitCniRolloutHandler() {
        this(Wiring.fromEnvironment());
    }

    public WaitCniRolloutHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public WaitCniRolloutHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new WaitCniRolloutService(new EksVpcCniAddons(wiring.aws()), new KubernetesAwsNodes(connector),
                PollPolicy.from(wiring.env(), "CNI_ROLLOUT_TIMEOUT_SECONDS", 900));
    }

    @Override
    protected CniRollout handle(Input input) {
        return service.check(input.cluster(), input.cni(), input.cniRollout());
    }
}
