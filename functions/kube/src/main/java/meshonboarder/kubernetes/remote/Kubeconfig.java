package meshonboarder.kubernetes.remote;

import meshonboarder.remote.ApiServer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kubeconfig inside a remote secret, in the layout {@code istioctl create-remote-secret} writes: one cluster, one
 * context and one user, all named after the cluster, with a bearer token. Layered like istioctl's builders
 * (base kubeconfig, then the bearer-token user) and validated before it is returned.
 *
 * <p>A bearer token, because istiod refuses {@code exec}, auth-provider and client-certificate kubeconfigs in remote
 * secrets unless allowed one by one with {@code PILOT_INSECURE_MULTICLUSTER_KUBECONFIG_OPTIONS} (istio/istio#36307:
 * a kubeconfig could otherwise make istiod run commands or send its files to any server).
 */
public final class Kubeconfig {

    // EKS cluster names: what Resolve accepts, and what becomes the kubeconfig's names and the Secret's data key.
    private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,99}");
    // Printed bare only when no YAML 1.1 or 1.2 reader could take it for anything but a string.
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/+=-]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

    private Kubeconfig() {
    }

    /** The kubeconfig istiod uses to read the cluster as its {@code istio-reader-service-account}. */
    public static String withBearerToken(String clusterName, ApiServer server, ReaderToken token) {
        if (token == null) {
            throw new IllegalArgumentException("the kubeconfig of cluster '" + clusterName + "' needs a reader token");
        }
        return base(clusterName, server)
                + "users:\n"
                + "- name: " + scalar(clusterName) + "\n"
                + "  user:\n"
                + "    token: " + scalar(token.value()) + "\n";
    }

    /** Cluster and context, no user yet: istioctl's {@code createBaseKubeconfig}. */
    private static String base(String clusterName, ApiServer server) {
        validate(clusterName, server);
        String name = scalar(clusterName);
        return "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + scalar(server.certificateAuthority()) + "\n"
                + "    server: " + scalar(server.endpoint()) + "\n"
                + "  name: " + name + "\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: " + name + "\n"
                + "    user: " + name + "\n"
                + "  name: " + name + "\n"
                + "current-context: " + name + "\n"
                + "kind: Config\n"
                + "preferences: {}\n";
    }

    private static void validate(String clusterName, ApiServer server) {
        if (clusterName == null || !CLUSTER_NAME.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("'" + clusterName + "' is not an EKS cluster name");
        }
        if (server == null) {
            throw new IllegalArgumentException("the kubeconfig of cluster '" + clusterName + "' needs its API server");
        }
        checkEndpoint(clusterName, server.endpoint());
        checkCertificateAuthority(clusterName, server.certificateAuthority());
    }

    private static void checkEndpoint(String clusterName, String endpoint) {
        try {
            URI uri = new URI(endpoint == null ? "" : endpoint);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("the API endpoint of cluster '" + clusterName + "' must be an https "
                        + "URL with a host and nothing else, not '" + endpoint + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the API endpoint of cluster '" + clusterName + "' is not a URL: '"
                    + endpoint + "'", e);
        }
    }

    // Base64 only, not parsed as a certificate: the connecting client (EksClusterAccess) already refuses a CA that
    // is not one, and the stand-ins' EKS (moto) hands out random text.
    private static void checkCertificateAuthority(String clusterName, String ca) {
        try {
            if (ca == null || ca.isEmpty() || Base64.getDecoder().decode(ca).length == 0) {
                throw new IllegalArgumentException("cluster '" + clusterName + "' has no CA");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the CA of cluster '" + clusterName + "' is not base64 (EKS gives "
                    + "certificateAuthority.data as base64 of PEM)", e);
        }
    }

    /** A YAML scalar: bare when unambiguous, else double-quoted (values are visible ASCII by now). */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(java.util.Locale.ROOT))) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
