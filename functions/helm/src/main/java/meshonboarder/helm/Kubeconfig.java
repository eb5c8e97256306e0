package meshonboarder.helm;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ClusterBuilder;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The kubeconfig Helm needs, built from the fabric8 client's configuration (endpoint, CA, bearer token) so
 * that Helm talks to the same cluster as the same identity. It is handed to Helm in memory
 * ({@code --kube-config-contents}): no file, nothing to delete, and it is never logged (it holds the token).
 */
public final class Kubeconfig {

    private static final String NAME = "mesh-onboarder";

    private Kubeconfig() {
    }

    public static String of(Config config) {
        ClusterBuilder cluster = new ClusterBuilder().withServer(config.getMasterUrl().replaceAll("/+$", ""));
        String ca = caData(config);
        if (ca != null) {
            cluster.withCertificateAuthorityData(ca);
        } else if (config.isTrustCerts()) {
            cluster.withInsecureSkipTlsVerify(true);
        }
        AuthInfoBuilder user = new AuthInfoBuilder();
        String token = token(config);
        if (token != null) {
            user.withToken(token);
        }
        if (config.getClientCertData() != null && config.getClientKeyData() != null) {
            user.withClientCertificateData(config.getClientCertData()).withClientKeyData(config.getClientKeyData());
        }
        if (token == null && config.getClientCertData() == null) {
            throw new IllegalStateException("the Kubernetes client has neither a bearer token nor a client certificate "
                    + "to hand to Helm");
        }
        return Serialization.asYaml(new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addToClusters(new NamedClusterBuilder().withName(NAME).withCluster(cluster.build()).build())
                .addToUsers(new NamedAuthInfoBuilder().withName(NAME).withUser(user.build()).build())
                .addToContexts(new NamedContextBuilder().withName(NAME)
                        .withNewContext().withCluster(NAME).withUser(NAME).endContext().build())
                .withCurrentContext(NAME)
                .build());
    }

    /** A token provider (EKS tokens expire) wins over a fixed token. */
    private static String token(Config config) {
        if (config.getOauthTokenProvider() != null) {
            return config.getOauthTokenProvider().getToken();
        }
        return config.getOauthToken() != null && !config.getOauthToken().isBlank() ? config.getOauthToken() : null;
    }

    private static String caData(Config config) {
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            return config.getCaCertData();
        }
        if (config.getCaCertFile() != null) {
            try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cluster CA file of the Kubernetes client", e);
            }
        }
        return null;
    }
}
