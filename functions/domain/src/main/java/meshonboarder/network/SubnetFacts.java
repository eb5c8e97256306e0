package meshonboarder.network;

import java.util.List;

/** A subnet in the execution state: its id and IPv6 CIDRs ({@code $.network.members[*].*Subnets}). */
public record SubnetFacts(String subnetId, List<String> ipv6Cidrs, boolean assignsIpv6) {

    public SubnetFacts {
        ipv6Cidrs = ipv6Cidrs == null ? List.of() : List.copyOf(ipv6Cidrs);
    }

    public boolean hasIpv6() {
        return !ipv6Cidrs.isEmpty();
    }
}
