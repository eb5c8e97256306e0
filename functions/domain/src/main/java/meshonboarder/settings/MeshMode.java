package meshonboarder.settings;

import java.util.Arrays;
import java.util.stream.Collectors;
import meshonboarder.errors.InvalidInput;

/** How the mesh's pods reach each other across clusters (docs/interop.md). */
public enum MeshMode {
    /** Pods talk directly (one VPC): IPv4 members need V6 egress once any member is IPv6. */
    SINGLE_NETWORK("single-network"),
    /** Each network has an east-west gateway (dual-stack NLB): the CNI defaults suffice. */
    MULTI_NETWORK("multi-network");

    private final String value;

    MeshMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static MeshMode of(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("Mesh mode '" + value + "' is not one of "
                        + Arrays.stream(values()).map(MeshMode::value).collect(Collectors.joining(", ")) + "."));
    }
}
