package meshonboarder.cni;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The two egress settings of the Amazon VPC CNI that bridge IPv4 and IPv6 pods. */
public enum Egress {

    /**
     * IPv6 pods reach IPv4 endpoints through the node's IPv4 address. The variable exists since v1.15.1 and is
     * on by default; older releases always give IPv6 pods IPv4 egress (aws/amazon-vpc-cni-k8s#2577).
     */
    V4("ENABLE_V4_EGRESS", new CniVersion(1, 15, 1), "true", true, false),

    /**
     * IPv4 pods reach IPv6 endpoints through the node's IPv6 address (since v1.13.0, off by default). The init
     * container needs it too: it turns on IPv6 forwarding on the node.
     */
    V6("ENABLE_V6_EGRESS", new CniVersion(1, 13, 0), "false", false, true);

    private final String variable;
    private final CniVersion since;
    private final String defaultValue;
    private final boolean alwaysOnBefore;
    private final boolean initContainerToo;

    Egress(String variable, CniVersion since, String defaultValue, boolean alwaysOnBefore, boolean initContainerToo) {
        this.variable = variable;
        this.since = since;
        this.defaultValue = defaultValue;
        this.alwaysOnBefore = alwaysOnBefore;
        this.initContainerToo = initContainerToo;
    }

    public String variable() {
        return variable;
    }

    /** The first CNI release that reads the variable. */
    public CniVersion since() {
        return since;
    }

    /** Whether releases older than {@link #since()} already behave as if it were on. */
    public boolean alwaysOnBefore() {
        return alwaysOnBefore;
    }

    public boolean initContainerToo() {
        return initContainerToo;
    }

    /** Whether a variable set to {@code value} (null: not set, so the CNI's default) turns this egress on. */
    public boolean isOn(String value) {
        return Boolean.parseBoolean((value == null ? defaultValue : value).trim());
    }

    /** The {@code aws-node} container variables that turn {@code needs} on. */
    public static Map<String, String> env(Set<Egress> needs) {
        Map<String, String> env = new LinkedHashMap<>();
        needs.forEach(e -> env.put(e.variable, "true"));
        return env;
    }

    /** The {@code aws-vpc-cni-init} init container variables that turn {@code needs} on. */
    public static Map<String, String> initEnv(Set<Egress> needs) {
        Map<String, String> env = new LinkedHashMap<>();
        needs.stream().filter(Egress::initContainerToo).forEach(e -> env.put(e.variable, "true"));
        return env;
    }
}
