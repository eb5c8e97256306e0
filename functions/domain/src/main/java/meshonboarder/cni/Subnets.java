package meshonboarder.cni;

import java.util.List;

/** Port: the VPC subnets of a cluster, as far as IPv6 goes (EC2 DescribeSubnets). */
public interface Subnets {

    /**
     * @param ipv6Cidr    the subnet has an IPv6 CIDR block, so nodes there can have IPv6 addresses
     * @param assignsIpv6 instances launched there get an IPv6 address without asking for one
     */
    record Subnet(String subnetId, boolean ipv6Cidr, boolean assignsIpv6) {
    }

    /** The subnets among {@code subnetIds} that exist; ones that do not are left out. */
    List<Subnet> describe(String region, List<String> subnetIds);
}
