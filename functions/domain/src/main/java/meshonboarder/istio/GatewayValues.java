package meshonboarder.istio;

import java.util.Map;
import meshonboarder.cluster.Cluster;

/**
 * The values of the gateway releases (chart {@code gateway}). Both sit behind an NLB made by the AWS Load
 * Balancer Controller with IP targets (pods are registered directly: the only target type for IPv6 pods)
 * and the {@code dualstack} address type (IPv4 and IPv6 clients alike; for an IPv6 cluster, the only way
 * the controller registers IPv6 targets).
 */
public final class GatewayValues {

    static final String ANNOTATION_PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";

    private GatewayValues() {
    }

    /**
     * The east-west gateway of a multi-network mesh. {@code networkGateway} makes the chart label the pods
     * and Service with the network, set {@code ISTIO_META_REQUESTED_NETWORK_VIEW} and expose 15021 (status),
     * 15443 (mTLS passthrough), 15012 (istiod xDS) and 15017 (webhooks).
     */
    public static Map<String, Object> eastWest(Cluster cluster, LoadBalancerScheme scheme) {
        return Map.of(
                "networkGateway", cluster.network(),
                "service", service(cluster, scheme));
    }

    /** The optional ingress gateway: internal until the user's values say otherwise (exposure is their call). */
    public static Map<String, Object> ingress(Cluster cluster) {
        return Map.of("service", service(cluster, LoadBalancerScheme.INTERNAL));
    }

    private static Map<String, Object> service(Cluster cluster, LoadBalancerScheme scheme) {
        return Values.merge(Map.of("annotations", Map.of(
                        ANNOTATION_PREFIX + "type", "external",
                        ANNOTATION_PREFIX + "nlb-target-type", "ip",
                        ANNOTATION_PREFIX + "scheme", scheme.value(),
                        ANNOTATION_PREFIX + "ip-address-type", "dualstack")),
                IpFamilies.singleStack(cluster.ipFamily()));
    }
}
