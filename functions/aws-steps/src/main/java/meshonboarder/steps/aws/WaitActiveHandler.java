package meshonboarder.steps.aws;

import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.ClusterWait;
import meshonboarder.cluster.ResolveService;
import meshonboarder.cluster.WaitActiveService;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.wait.PollPolicy;

/** {@code WaitActive}: one status check of the cluster; the ASL loops on {@code $.clusterWait.ready}. */
public final class WaitActiveHandler extends StepHandler<WaitActiveHandler.Input, ClusterWait> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster, ClusterWait clusterWait) {
    }

    private final WaitActiveService service;

    public WaitActiveHandler() {
        this(Wiring.fromEnvironment());
    }

    public WaitActiveHandler(Wiring wiring) {
        super(Input.class);
        ResolveService resolve = ResolveService.forRefresh(new AwsEksClusters(wiring.aws()), wiring.mesh());
        this.service = new WaitActiveService(resolve,
                PollPolicy.from(wiring.env(), "CLUSTER_WAIT_TIMEOUT_SECONDS", 1800));
    }

    @Override
    protected ClusterWait handle(Input input) {
        return service.check(input.cluster(), input.clusterWait());
    }
}
