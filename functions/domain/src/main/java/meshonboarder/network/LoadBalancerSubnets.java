package meshonboarder.network;

import java.util.List;
import java.util.Map;
import meshonboarder.istio.LoadBalancerScheme;

/**
 * The subnets the AWS Load Balancer Controller would place a cluster's NLB in, following its subnet
 * auto-discovery (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/subnet_discovery/):
 * <ol>
 *   <li>candidates are the VPC's subnets with the role tag of the scheme, {@code kubernetes.io/role/elb}
 *       (internet-facing) or {@code kubernetes.io/role/internal-elb} (internal), valued {@code 1} or empty;
 *       with no such subnet, controller 2.12.1 and later fall back to the subnets whose reachability (public
 *       or private) matches the scheme: mesh-onboarder does not read route tables, so it takes every subnet
 *       of the VPC then, which can only ask for more than the controller uses;</li>
 *   <li>a subnet tagged {@code kubernetes.io/cluster/<other cluster>} but not for this cluster is left out
 *       (controller 2.1.2 and later, unless its {@code SubnetsClusterTagCheck} feature gate is off).</li>
 * </ol>
 * The controller then keeps one subnet per Availability Zone; every candidate is returned here, so a check of
 * them all holds whichever one it picks. Pure: no AWS call.
 */
public final class LoadBalancerSubnets {

    static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";

    private LoadBalancerSubnets() {
    }

    /** The role tag the controller looks for with this scheme. */
    public static String roleTag(LoadBalancerScheme scheme) {
        return scheme == LoadBalancerScheme.INTERNET_FACING ? "kubernetes.io/role/elb"
                : "kubernetes.io/role/internal-elb";
    }

    public static List<VpcSubnet> discover(List<VpcSubnet> vpcSubnets, String clusterName, LoadBalancerScheme scheme) {
        List<VpcSubnet> eligible = vpcSubnets.stream().filter(s -> ownedOrUntagged(s.tags(), clusterName)).toList();
        String role = roleTag(scheme);
        List<VpcSubnet> tagged = eligible.stream().filter(s -> hasRole(s.tags(), role)).toList();
        return tagged.isEmpty() ? eligible : tagged;
    }

    private static boolean hasRole(Map<String, String> tags, String role) {
        String value = tags.get(role);
        return value != null && (value.isEmpty() || value.equals("1"));
    }

    private static boolean ownedOrUntagged(Map<String, String> tags, String clusterName) {
        boolean taggedForAny = tags.keySet().stream().anyMatch(k -> k.startsWith(CLUSTER_TAG_PREFIX));
        return !taggedForAny || tags.containsKey(CLUSTER_TAG_PREFIX + clusterName);
    }
}
