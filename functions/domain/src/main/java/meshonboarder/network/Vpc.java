package meshonboarder.network;

import java.util.List;

/** A VPC with its IPv6 CIDR blocks and every subnet in it. */
public record Vpc(String vpcId, List<String> ipv6Cidrs, List<VpcSubnet> subnets) {

    public Vpc {
        ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
    }

    public boolean hasIpv6() {
        return !ipv6Cidrs.isEmpty();
    }
}
