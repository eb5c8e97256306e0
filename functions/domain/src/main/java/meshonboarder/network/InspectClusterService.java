package meshonboarder.network;

import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.LoadBalancerControllerMissing;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code InspectCluster} step: what the new cluster runs that the mesh depends on, read before any write.
 * On multi-network its east-west gateway's Service asks for {@code aws-load-balancer-type: external}, which only
 * the AWS Load Balancer Controller serves: without it the NLB is never made and the onboarding would wait out
 * {@code WaitIstioReady}, so it is refused here instead. EKS Auto Mode clusters make load balancers themselves.
 */
public final class InspectClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(InspectClusterService.class);

    private final MeshMode mode;
    private final LoadBalancerControllers controllers;

    public InspectClusterService(MeshMode mode, LoadBalancerControllers controllers) {
        this.mode = mode;
        this.controllers = controllers;
    }

    public ClusterFacts inspect(Cluster cluster) {
        Optional<String> controller = controllers.find(cluster.region(), cluster.clusterName());
        if (controller.isEmpty() && mode == MeshMode.MULTI_NETWORK && !cluster.autoMode()) {
            throw new LoadBalancerControllerMissing("Cluster '" + cluster.clusterName() + "' runs no AWS Load "
                    + "Balancer Controller, which alone makes the NLB of its east-west gateway (aws-load-balancer-type:"
                    + " external). Nothing was changed. Install it (https://docs.aws.amazon.com/eks/latest/userguide/"
                    + "lbc-helm.html), then start onboarding again.");
        }
        LOG.info("AWS Load Balancer Controller: {}", controller.orElse("none"));
        return new ClusterFacts(cluster.clusterName(), cluster.region(), controller.isPresent(),
                controller.orElse(null));
    }
}
