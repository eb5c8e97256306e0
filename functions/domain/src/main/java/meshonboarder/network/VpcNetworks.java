package meshonboarder.network;

import java.util.Optional;

/** Port: the VPCs of the account (EC2 DescribeVpcs and DescribeSubnets), read-only. */
public interface VpcNetworks {

    /** The VPC with its IPv6 CIDRs and every subnet in it; empty when EC2 has no such VPC. */
    Optional<Vpc> describe(String region, String vpcId);

    /** The VPC that holds {@code subnetId} (a cluster's subnet), or empty when the subnet is gone. */
    Optional<String> vpcOf(String region, String subnetId);
}
