package meshonboarder.errors;

/**
 * A multi-network member needs an east-west gateway behind an NLB, but the cluster runs no AWS Load Balancer
 * Controller, the only thing that serves {@code aws-load-balancer-type: external}. Permanent until it is installed.
 */
public final class LoadBalancerControllerMissing extends MeshOnboarderError {

    public LoadBalancerControllerMissing(String message) {
        super(message);
    }
}
