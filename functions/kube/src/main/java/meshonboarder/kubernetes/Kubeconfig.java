package meshonboarder.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.ClusterBuilder;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.PreferencesBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import meshonboarder.cluster.EksNames;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ReaderToken;

/**
 * The one kubeconfig writer, on fabric8's typed {@link Config}, in the layout {@code istioctl create-remote-secret}
 * writes: one cluster, one context and one user, all under one name, keys in kubectl's (sorted) order. Two uses:
 * the kubeconfig inside a remote secret ({@link #withBearerToken}) and the one Helm is handed in memory
 * ({@link #of}). Neither is ever logged: both hold a credential.
 */
public final class Kubeconfig {

    /** The name of Helm's cluster, context and user. */
    static final String HELM_NAME = "mesh-onboarder";

    // Printed bare only when no YAML 1.1 or 1.2 reader could take it for anything but a string.
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/+=-]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new StringQuotingChecker() {
                @Override
                public boolean needToQuoteName(String name) {
                    return !isPlain(name);
                }

                @Override
                public boolean needToQuoteValue(String value) {
                    return !isPlain(value);
                }
            })
            .build());

    static {
        YAML.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    private Kubeconfig() {
    }

    /**
     * The kubeconfig istiod uses to read the cluster as its {@code istio-reader-service-account}, layered like
     * istioctl's builders (base kubeconfig, then the bearer-token user) and validated before it is returned.
     *
     * <p>A bearer token, because istiod refuses {@code exec}, auth-provider and client-certificate kubeconfigs in
     * remote secrets unless allowed one by one with {@code PILOT_INSECURE_MULTICLUSTER_KUBECONFIG_OPTIONS}
     * (istio/istio#36307: a kubeconfig could otherwise make istiod run commands or send its files to any server).
     */
    public static String withBearerToken(String clusterName, ApiServer server, ReaderToken token) {
        if (token == null) {
            throw new IllegalArgumentException("the kubeconfig of cluster '" + clusterName + "' needs a reader token");
        }
        validate(clusterName, server);
        return write(clusterName, new ClusterBuilder().withCertificateAuthorityData(server.certificateAuthority())
                .withServer(server.endpoint()).build(), new AuthInfoBuilder().withToken(token.value()).build());
    }

    /**
     * The kubeconfig Helm needs, built from the fabric8 client's configuration (endpoint, CA, bearer token or
     * client certificate) so that Helm talks to the same cluster as the same identity. It is handed to Helm in
     * memory ({@code --kube-config-contents}): no file, nothing to delete.
     */
    // fully qualified: the kubeconfig model has a Config too
    public static String of(io.fabric8.kubernetes.client.Config client) {
        ClusterBuilder cluster = new ClusterBuilder().withServer(client.getMasterUrl().replaceAll("/+$", ""));
        String ca = caData(client);
        if (ca != null) {
            cluster.withCertificateAuthorityData(ca);
        } else if (client.isTrustCerts()) {
            cluster.withInsecureSkipTlsVerify(true);
        }
        AuthInfoBuilder user = new AuthInfoBuilder();
        String token = token(client);
        if (token != null) {
            user.withToken(token);
        }
        if (client.getClientCertData() != null && client.getClientKeyData() != null) {
            user.withClientCertificateData(client.getClientCertData()).withClientKeyData(client.getClientKeyData());
        }
        if (token == null && client.getClientCertData() == null) {
            throw new IllegalStateException("the Kubernetes client has neither a bearer token nor a client certificate "
                    + "to hand to Helm");
        }
        return write(HELM_NAME, cluster.build(), user.build());
    }

    /** istioctl's layout: cluster, context and user all called {@code name}, which is the current context. */
    private static String write(String name, Cluster cluster, AuthInfo user) {
        Config config = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .addNewCluster().withName(name).withCluster(cluster).endCluster()
                .addNewContext().withName(name).withNewContext().withCluster(name).withUser(name).endContext()
                .endContext()
                .withCurrentContext(name)
                .withPreferences(new PreferencesBuilder().build())
                .addNewUser().withName(name).withUser(user).endUser()
                .build();
        try {
            // through a map, so that the keys come out sorted as kubectl and istioctl write them
            return YAML.writeValueAsString(YAML.convertValue(config, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a kubeconfig", e);
        }
    }

    private static void validate(String clusterName, ApiServer server) {
        if (clusterName == null || !EksNames.CLUSTER_NAME.matcher(clusterName).matches()) {
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

    // Base64 only, not parsed as a certificate: the connecting client (EksClusterConnector) already refuses a CA that
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

    /** A token provider (EKS tokens expire) wins over a fixed token. */
    // fully qualified: the kubeconfig model has a Config too
    private static String token(io.fabric8.kubernetes.client.Config client) {
        if (client.getOauthTokenProvider() != null) {
            return client.getOauthTokenProvider().getToken();
        }
        return client.getOauthToken() != null && !client.getOauthToken().isBlank() ? client.getOauthToken() : null;
    }

    // fully qualified: the kubeconfig model has a Config too
    private static String caData(io.fabric8.kubernetes.client.Config client) {
        if (client.getCaCertData() != null && !client.getCaCertData().isBlank()) {
            return client.getCaCertData();
        }
        if (client.getCaCertFile() != null) {
            try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(client.getCaCertFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cluster CA file of the Kubernetes client", e);
            }
        }
        return null;
    }

    private static boolean isPlain(String value) {
        return PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
    }

    /** A YAML scalar as this writer prints it: bare when unambiguous, else double-quoted. */
    static String scalar(String value) {
        if (isPlain(value)) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
