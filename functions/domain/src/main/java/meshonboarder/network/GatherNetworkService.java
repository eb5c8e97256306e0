package meshonboarder.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.LoadBalancerSubnetsWithoutIpv6;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code GatherNetwork} step: every member's VPC and subnets, read from EC2, and what the mesh's east-west
 * gateways need of them. It runs before anything is written, and again after RegisterMember ({@code RecheckNetwork})
 * to see the clusters that registered meanwhile. A member whose load-balancer subnets cannot hold the NLB the mesh
 * needs stops the onboarding, with the commands that fix it; a run after the fix completes.
 */
public final class GatherNetworkService {

    private static final Logger LOG = LoggerFactory.getLogger(GatherNetworkService.class);

    private final MeshMode mode;
    private final LoadBalancerScheme scheme;
    private final EksClusters clusters;
    private final MeshMembers members;
    private final VpcNetworks vpcs;

    public GatherNetworkService(MeshMode mode, LoadBalancerScheme scheme, EksClusters clusters, MeshMembers members,
                                VpcNetworks vpcs) {
        this.mode = mode;
        this.scheme = scheme;
        this.clusters = clusters;
        this.members = members;
        this.vpcs = vpcs;
    }

    /** @param earlier this onboarding's facts so far ({@code $.network}); null on its first gather, before any write */
    public NetworkFacts gather(Cluster cluster, NetworkFacts earlier) {
        // 1. the new cluster and every recorded peer that still exists in EKS
        List<MemberNetwork> found = new ArrayList<>();
        EksCluster self = clusters.describe(cluster.region(), cluster.clusterName())
                .orElseThrow(() -> new ClusterNotFound("The EKS cluster '" + cluster.clusterName() + "' in "
                        + cluster.region() + " was deleted while it was being onboarded."));
        found.add(network(self, cluster.ipFamily(), false, cluster.network()));
        for (Member peer : peers(cluster)) {
            clusters.describe(peer.region(), peer.clusterName())
                    .ifPresent(eks -> found.add(network(eks, peer.ipFamily(), true, peer.network())));
        }
        // 2. what the gateways need: both families in the mesh, every gateway dualstack
        GatewayAddressType addressType = GatewayAddressType.forMesh(found.stream().map(MemberNetwork::ipFamily).toList());
        NetworkFacts facts = new NetworkFacts(addressType, scheme, found);
        // 3. refuse before any write when a member's VPC cannot hold that gateway
        if (mode == MeshMode.MULTI_NETWORK && addressType == GatewayAddressType.DUALSTACK) {
            requireIpv6ForGateways(cluster, facts, earlier != null);
        }
        LOG.info("network: {} member(s), east-west gateways {} {}", found.size(),
                scheme.value(), addressType.value());
        return facts;
    }

    private List<Member> peers(Cluster cluster) {
        return members.list(cluster.meshId()).stream()
                .filter(m -> !(m.clusterName().equals(cluster.clusterName()) && m.region().equals(cluster.region())))
                .toList();
    }

    private MemberNetwork network(EksCluster eks, IpFamily family, boolean peer, String network) {
        String vpcId = eks.vpcId() != null ? eks.vpcId()
                : eks.subnetIds().stream().map(s -> vpcs.vpcOf(eks.region(), s)).flatMap(Optional::stream)
                        .findFirst().orElse(null);
        Optional<Vpc> vpc = vpcId == null ? Optional.empty() : vpcs.describe(eks.region(), vpcId);
        List<VpcSubnet> all = vpc.map(Vpc::subnets).orElse(List.of());
        List<SubnetFacts> nodeSubnets = all.stream().filter(s -> eks.subnetIds().contains(s.subnetId()))
                .map(VpcSubnet::facts).toList();
        List<SubnetFacts> lbSubnets = LoadBalancerSubnets.discover(all, eks.name(), scheme).stream()
                .map(VpcSubnet::facts).toList();
        return new MemberNetwork(eks.name(), eks.region(), family, peer, network, vpcId,
                vpc.map(Vpc::ipv6Cidrs).orElse(List.of()), nodeSubnets, lbSubnets);
    }

    private static void requireIpv6ForGateways(Cluster cluster, NetworkFacts facts, boolean installed) {
        List<String> problems = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (MemberNetwork m : facts.members()) {
            List<String> without = m.loadBalancerSubnets().stream().filter(s -> !s.hasIpv6())
                    .map(SubnetFacts::subnetId).toList();
            boolean vpcWithout = m.vpcIpv6Cidrs().isEmpty();
            if (!vpcWithout && without.isEmpty() && !m.loadBalancerSubnets().isEmpty()) {
                continue;
            }
            problems.add("cluster '" + m.clusterName() + "' (VPC " + m.vpcId()
                    + (vpcWithout ? ", no IPv6 CIDR" : "") + "; load-balancer subnets without one: "
                    + (m.loadBalancerSubnets().isEmpty() ? "none found" : without) + ")");
            if (vpcWithout) {
                commands.add("aws ec2 associate-vpc-cidr-block --region " + m.region() + " --vpc-id " + m.vpcId()
                        + " --amazon-provided-ipv6-cidr-block");
            }
            without.forEach(s -> commands.add("aws ec2 associate-subnet-cidr-block --region " + m.region()
                    + " --subnet-id " + s + " --ipv6-cidr-block <a free /64 of the VPC's IPv6 block>"));
        }
        if (problems.isEmpty()) {
            return;
        }
        throw new LoadBalancerSubnetsWithoutIpv6("Mesh '" + cluster.meshId() + "' holds IPv4 and IPv6 clusters, "
                + "so every east-west gateway must be a dualstack NLB (since Istio 1.30 a proxy gets only the "
                + "gateways of its own IP family), and a dualstack NLB needs IPv6 CIDRs on its VPC and every "
                + "subnet; these lack them: " + String.join("; ", problems) + ". " + (installed
                ? "Another cluster registered while '" + cluster.clusterName() + "' was onboarding: its Istio is "
                + "installed and it is registered, but no remote secret was exchanged and no gateway was switched "
                + "since. "
                : "Nothing was changed. ")
                + "Add the CIDRs (" + String.join("; ", commands) + "), route IPv6 in those subnets, then start "
                + "onboarding '" + cluster.clusterName() + "' again: it completes with every gateway dualstack.");
    }
}
