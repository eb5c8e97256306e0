package meshonboarder.cni;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import meshonboarder.cluster.IpFamily;
import meshonboarder.settings.MeshMode;

/**
 * What VPC CNI egress each cluster needs for the mesh to work, from the mesh mode and the IP families alone.
 * Pure: no AWS or Kubernetes call, so every combination is a table row in its test.
 *
 * <ul>
 *   <li>Single network (pods talk to pods directly): every IPv4 member needs V6 egress once any member is IPv6,
 *       and every IPv6 member keeps V4 egress on once it has a peer. Peers are changed as well as the new
 *       cluster, since the new cluster's pods are reached from theirs.</li>
 *   <li>Multi-network (east-west gateways on dual-stack NLBs): pod traffic crosses networks through the
 *       gateways, so the CNI defaults are kept. What is left is the new cluster's istiod reaching its peers' API
 *       servers: every EKS endpoint answers on IPv4 (IPv6 clusters made before October 2024 only on IPv4), so
 *       an IPv6 cluster keeps V4 egress on and an IPv4 one needs nothing.</li>
 * </ul>
 */
public final class EgressDecision {

    /** A cluster as the decision sees it. */
    public record ClusterFamily(String clusterName, String region, IpFamily ipFamily) {
    }

    /**
     * What one cluster needs.
     *
     * @param peer  false for the cluster being onboarded, true for an existing member
     * @param needs the egress settings that must be on; empty: leave the CNI as it is
     */
    public record Plan(ClusterFamily cluster, boolean peer, Set<Egress> needs) {

        public Plan {
            needs = needs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(needs));
        }
    }

    private EgressDecision() {
    }

    /** The new cluster first, then (single network only) each peer in the order given. */
    public static List<Plan> decide(MeshMode mode, ClusterFamily joining, List<ClusterFamily> peers) {
        if (mode == MeshMode.MULTI_NETWORK) {
            boolean reachesIpv4Endpoints = joining.ipFamily() == IpFamily.IPV6 && !peers.isEmpty();
            return List.of(new Plan(joining, false, reachesIpv4Endpoints ? EnumSet.of(Egress.V4) : Set.of()));
        }
        boolean anyIpv6 = Stream.concat(Stream.of(joining), peers.stream())
                .anyMatch(c -> c.ipFamily() == IpFamily.IPV6);
        List<Plan> plans = new ArrayList<>();
        plans.add(new Plan(joining, false, singleNetwork(joining.ipFamily(), !peers.isEmpty(), anyIpv6)));
        peers.forEach(p -> plans.add(new Plan(p, true, singleNetwork(p.ipFamily(), true, anyIpv6))));
        return List.copyOf(plans);
    }

    private static Set<Egress> singleNetwork(IpFamily family, boolean hasPeers, boolean anyIpv6) {
        if (family == IpFamily.IPV6) {
            return hasPeers ? EnumSet.of(Egress.V4) : Set.of();
        }
        return anyIpv6 ? EnumSet.of(Egress.V6) : Set.of();
    }
}
