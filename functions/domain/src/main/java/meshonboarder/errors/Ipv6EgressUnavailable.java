package meshonboarder.errors;

/**
 * An IPv4 cluster needs IPv6 egress but its subnets have no IPv6 CIDR, so its nodes get no IPv6 address.
 * Permanent until the subnets are dual-stack.
 */
public final class Ipv6EgressUnavailable extends MeshOnboarderError {

    public Ipv6EgressUnavailable(String message) {
        super(message);
    }

    public Ipv6EgressUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
