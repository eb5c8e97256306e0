package meshonboarder.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;

/**
 * The IP address type of an east-west gateway's NLB ({@code service.beta.kubernetes.io/aws-load-balancer-ip-address-type}).
 *
 * <p>Since Istio 1.30.0 (istio/istio pull request 59767, {@code filterGatewaysByIPFamily} in
 * {@code pilot/pkg/xds/endpoints/ep_filters.go}) a proxy whose addresses are all of one family is sent only the
 * network gateways with an address of that family. Pods of an IPv6 EKS cluster have IPv6 addresses only, pods of
 * an IPv4 one IPv4 only: a mesh that holds both families needs every gateway dualstack. A single-family mesh
 * needs its own family: IPv4, or for IPv6 dualstack, the only NLB type with IPv6 addresses (and IPv6 targets).
 */
public enum GatewayAddressType {
    IPV4("ipv4"),
    DUALSTACK("dualstack");

    private final String value;

    GatewayAddressType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static GatewayAddressType of(String value) {
        for (GatewayAddressType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new InvalidInput("Gateway address type '" + value + "' is neither ipv4 nor dualstack.");
    }

    /** What the gateways of a mesh whose members have these families need. */
    public static GatewayAddressType forMesh(Collection<IpFamily> families) {
        return families.contains(IpFamily.IPV6) ? DUALSTACK : IPV4;
    }
}
