package meshonboarder.errors;

/**
 * A member's east-west gateway must be a dualstack NLB, but its VPC or the subnets the AWS Load Balancer
 * Controller would place it in have no IPv6 CIDR, so the NLB cannot be made. Permanent until the CIDRs are added.
 */
public final class LoadBalancerSubnetsWithoutIpv6 extends MeshOnboarderError {

    public LoadBalancerSubnetsWithoutIpv6(String message) {
        super(message);
    }
}
