package meshonboarder.network;

import java.util.List;
import meshonboarder.cluster.IpFamily;

/**
 * One member's network, as EC2 tells it ({@code $.network.members[*]}): plain facts, read before anything is
 * written.
 *
 * @param peer                false for the cluster being onboarded, true for an existing member
 * @param network             the member's Istio network
 * @param nodeSubnets         the cluster's own subnets (where EKS places its nodes unless told otherwise)
 * @param loadBalancerSubnets the subnets the AWS Load Balancer Controller would place its east-west NLB in
 */
public record MemberNetwork(String clusterName, String region, IpFamily ipFamily, boolean peer, String network,
                            String vpcId, List<String> vpcIpv6Cidrs, List<SubnetFacts> nodeSubnets,
                            List<SubnetFacts> loadBalancerSubnets) {

    public MemberNetwork {
        vpcIpv6Cidrs = vpcIpv6Cidrs == null ? List.of() : List.copyOf(vpcIpv6Cidrs);
        nodeSubnets = nodeSubnets == null ? List.of() : List.copyOf(nodeSubnets);
        loadBalancerSubnets = loadBalancerSubnets == null ? List.of() : List.copyOf(loadBalancerSubnets);
    }
}
