package meshonboarder.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import meshonboarder.errors.InvalidInput;

/** A cluster's pod and service address family, as EKS names it in {@code kubernetesNetworkConfig.ipFamily}. */
public enum IpFamily {
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String value;

    IpFamily(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static IpFamily of(String value) {
        if (value == null) {
            return IPV4; // EKS leaves it out on clusters created before IPv6 support: those are IPv4
        }
        for (IpFamily family : values()) {
            if (family.value.equalsIgnoreCase(value)) {
                return family;
            }
        }
        throw new InvalidInput("IP family '" + value + "' is neither ipv4 nor ipv6.");
    }
}
