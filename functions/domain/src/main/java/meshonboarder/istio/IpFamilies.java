package meshonboarder.istio;

import java.util.List;
import java.util.Map;
import meshonboarder.cluster.IpFamily;

/**
 * The IP family settings of a Service in an EKS cluster. EKS clusters are single-stack (pods and Services
 * are IPv4 or IPv6, never both), so every Service the charts create is {@code SingleStack} of the cluster's
 * family, said explicitly so that a chart default or a user value cannot ask for a family the cluster
 * lacks. The bridge between families is the dual-stack NLB in front of the east-west gateway, plus the VPC
 * CNI's egress, not Istio's alpha dual-stack mode ({@code ISTIO_DUAL_STACK} stays unset).
 */
final class IpFamilies {

    private IpFamilies() {
    }

    /** {@code ipFamilyPolicy} and {@code ipFamilies}, the value names of both the istiod and gateway charts. */
    static Map<String, Object> singleStack(IpFamily family) {
        return Map.of("ipFamilyPolicy", "SingleStack", "ipFamilies", List.of(kubernetesName(family)));
    }

    /** Kubernetes spells the families {@code IPv4} and {@code IPv6}. */
    static String kubernetesName(IpFamily family) {
        return family == IpFamily.IPV6 ? "IPv6" : "IPv4";
    }
}
