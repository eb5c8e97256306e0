package meshonboarder.istio;

import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.network.GatewayAddressType;

/**
 * The values of the gateway releases (chart {@code gateway}). Both sit behind an NLB made by the AWS Load
 * Balancer Controller with IP targets (pods are registered directly: the only target type for IPv6 pods).
 * The address type comes from the mesh ({@link GatewayAddressType}): {@code dualstack} needs IPv6 CIDRs on the
 * NLB's VPC and subnets, which {@code GatherNetwork} checks first.
 */
public final class GatewayValues {

    static final String ANNOTATION_PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";
    static final String ADDRESS_TYPE = ANNOTATION_PREFIX + "ip-address-type";

    private GatewayValues() {
    }

    /**
     * The east-west gateway of a multi-network, multi-primary mesh: what the chart's {@code networkGateway} sets
     * (the network label on pods and Service, {@code ISTIO_META_REQUESTED_NETWORK_VIEW}), said explicitly, with only
     * the ports multi-primary needs: 15443 (mTLS passthrough, Istio's {@code samples/multicluster/expose-services.yaml})
     * and 15021 (status, the NLB's health check). {@code networkGateway} would also publish 15012 (istiod xDS) and
     * 15017 (webhooks), which only primary-remote clusters use, on a load balancer that may be internet-facing.
     */
    public static Map<String, Object> eastWest(Cluster cluster, LoadBalancerScheme scheme,
                                               GatewayAddressType addressType) {
        return Map.of(
                "labels", Map.of(Istio.NETWORK_LABEL, cluster.network()),
                "env", Map.of("ISTIO_META_REQUESTED_NETWORK_VIEW", cluster.network()),
                "service", Values.merge(service(cluster, scheme, addressType), Map.of("ports", List.of(
                        port("status-port", 15021), port("tls", 15443)))));
    }

    private static Map<String, Object> port(String name, int number) {
        return Map.of("name", name, "port", number, "protocol", "TCP", "targetPort", number);
    }

    /**
     * The optional ingress gateway: internal until the user's values say otherwise (exposure is their call), of
     * the cluster's own family (an IPv4 VPC may have no IPv6 CIDR at all).
     */
    public static Map<String, Object> ingress(Cluster cluster) {
        return Map.of("service", service(cluster, LoadBalancerScheme.INTERNAL,
                GatewayAddressType.forMesh(List.of(cluster.ipFamily()))));
    }

    /** The address type a gateway release's values ask for, or null when they name none. */
    static String addressType(Map<String, Object> values) {
        if (values.get("service") instanceof Map<?, ?> service
                && service.get("annotations") instanceof Map<?, ?> annotations) {
            Object value = annotations.get(ADDRESS_TYPE);
            return value == null ? null : value.toString();
        }
        return null;
    }

    /** {@code values} with the NLB's address type set to {@code addressType}; nothing else changes. */
    static Map<String, Object> withAddressType(Map<String, Object> values, GatewayAddressType addressType) {
        return Values.merge(values, Map.of("service", Map.of("annotations",
                Map.of(ADDRESS_TYPE, addressType.value()))));
    }

    private static Map<String, Object> service(Cluster cluster, LoadBalancerScheme scheme,
                                               GatewayAddressType addressType) {
        return Values.merge(Map.of("annotations", Map.of(
                        ANNOTATION_PREFIX + "type", "external",
                        ANNOTATION_PREFIX + "nlb-target-type", "ip",
                        ANNOTATION_PREFIX + "scheme", scheme.value(),
                        ADDRESS_TYPE, addressType.value())),
                IpFamilies.singleStack(cluster.ipFamily()));
    }
}
