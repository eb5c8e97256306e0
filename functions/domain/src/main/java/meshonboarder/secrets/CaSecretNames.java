package meshonboarder.secrets;

import java.util.Map;
import java.util.regex.Pattern;
import meshonboarder.errors.InvalidInput;

/**
 * Where the mesh's CAs live in Secrets Manager, and how their secrets are tagged:
 * {@code <prefix>/<meshId>/root-ca} and {@code <prefix>/<meshId>/clusters/<clusterName>/intermediate-ca}.
 * IAM policies grant access by these patterns, so a mesh id or cluster name that could add a path segment is
 * refused rather than written somewhere else.
 */
public record CaSecretNames(String prefix) {

    public static final String MESH_TAG = "mesh-onboarder:mesh";
    public static final String CLUSTER_TAG = "mesh-onboarder:cluster";

    // Mesh ids are label values, EKS cluster names letters, digits, '-' and '_': neither has '/'.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    // Secrets Manager's own name characters.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/_+=.@-]+");

    public CaSecretNames {
        if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new InvalidInput("The environment variable SECRET_PREFIX must be a Secrets Manager name prefix "
                    + "(letters, digits and /_+=.@-, no leading or trailing '/'), not '" + prefix + "'.");
        }
    }

    public String root(String meshId) {
        return prefix + "/" + segment(meshId, "mesh id") + "/root-ca";
    }

    public String intermediate(String meshId, String clusterName) {
        return prefix + "/" + segment(meshId, "mesh id") + "/clusters/" + segment(clusterName, "cluster name")
                + "/intermediate-ca";
    }

    public static Map<String, String> rootTags(String meshId) {
        return Map.of(MESH_TAG, meshId);
    }

    public static Map<String, String> intermediateTags(String meshId, String clusterName) {
        return Map.of(MESH_TAG, meshId, CLUSTER_TAG, clusterName);
    }

    private static String segment(String value, String what) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new InvalidInput("The " + what + " '" + value + "' cannot name a CA secret: use letters, digits, "
                    + "'-', '_' and '.'.");
        }
        return value;
    }
}
