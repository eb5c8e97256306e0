package meshonboarder.network;

import java.util.List;
import java.util.Map;

/**
 * A subnet as EC2 describes it, reduced to what mesh-onboarder decides on.
 *
 * @param ipv6Cidrs   its associated IPv6 CIDR blocks (none on a single-stack IPv4 subnet)
 * @param assignsIpv6 instances launched there get an IPv6 address without asking for one
 * @param tags        its tags: the AWS Load Balancer Controller picks load-balancer subnets by them
 */
public record VpcSubnet(String subnetId, List<String> ipv6Cidrs, boolean assignsIpv6, Map<String, String> tags) {

    public VpcSubnet {
        ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean hasIpv6() {
        return !ipv6Cidrs.isEmpty();
    }

    /** The plain fact the execution state carries (no tags: they are only read to pick the subnets). */
    public SubnetFacts facts() {
        return new SubnetFacts(subnetId, ipv6Cidrs, assignsIpv6);
    }
}
