package meshonboarder.steps.cluster;

import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.EksClusterConnector;
import meshonboarder.kubernetes.KubernetesLoadBalancerControllers;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.network.ClusterFacts;
import meshonboarder.network.InspectClusterService;

/**
 * {@code InspectCluster}: what the new cluster runs that the mesh depends on ({@code $.clusterFacts}); the first
 * Kubernetes call after {@code GrantAccess}, read-only.
 */
public final class InspectClusterHandler extends StepHandler<InspectClusterHandler.Input, ClusterFacts> {

    /** The execution state's fields this step reads. */
    public record Input(@Required("the output of Resolve") Cluster cluster) {
    }

    private final InspectClusterService service;

    public InspectClusterHandler() {
        this(Wiring.fromEnvironment());
    }

    public InspectClusterHandler(Wiring wiring) {
        this(wiring, new EksClusterConnector(wiring));
    }

    public InspectClusterHandler(Wiring wiring, ClusterConnector connector) {
        super(Input.class);
        this.service = new InspectClusterService(wiring.mesh().meshMode(), new KubernetesLoadBalancerControllers(connector));
    }

    @Override
    protected ClusterFacts handle(Input input) {
        return service.inspect(input.cluster());
    }
}
