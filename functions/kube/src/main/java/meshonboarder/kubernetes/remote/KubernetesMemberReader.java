package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.ByteArrayInputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.MemberReader;
import meshonboarder.reconcile.MemberView;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.Digests;
import meshonboarder.remote.ReaderToken;

/**
 * {@link MemberReader} on Kubernetes: the member's API server from {@link ApiServers}, one LIST of its
 * {@code istio-system} Secrets (its reader token, the remote secrets it holds, {@code cacerts}), and one read of
 * namespace {@code istio-system} with its own reader token, which proves that its API server accepts that token.
 * Tokens, CAs and kubeconfigs are reduced to SHA-256 digests here and go no further.
 */
public final class KubernetesMemberReader implements MemberReader {

    private final ClusterConnector connector;
    private final ApiServers apiServers;

    public KubernetesMemberReader(ClusterConnector connector, ApiServers apiServers) {
        this.connector = connector;
        this.apiServers = apiServers;
    }

    @Override
    public MemberView read(Member member) {
        String where = member.meshId() + "/" + member.clusterName();
        ApiServer server = apiServers.describe(member.region(), member.clusterName());
        List<Secret> secrets;
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            secrets = client.secrets().inNamespace(Istio.NAMESPACE).list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "listing the Secrets of " + Istio.NAMESPACE + " in " + where);
        }
        ReaderToken token = ReaderIdentity.pickTokenSecret(secrets).map(ReaderObjects::tokenOf).orElse(null);
        Config reader = token == null ? null : readerConfig(server, token);
        // digested before the read: fabric8 clears the config's token when the API server answers 401
        String tokenDigest = reader == null ? null : digest(reader.getOauthToken().getBytes(StandardCharsets.UTF_8));
        Boolean accepted = reader == null ? null : accepts(reader, where);
        Map<String, MemberView.Held> held = new HashMap<>();
        MemberView.CaValidity ca = null;
        for (Secret secret : secrets) {
            String subject = subjectOf(secret);
            if (subject != null) {
                held.put(subject, heldOf(secret, subject));
            }
            if ("cacerts".equals(secret.getMetadata().getName())) {
                ca = caValidity(member.clusterName(), secret);
            }
        }
        return new MemberView(member.clusterName(), null, server.endpoint(), digest(decode(server.certificateAuthority())),
                tokenDigest, accepted, held, ca);
    }

    /** The reader's client settings: no retries, one refusal is the answer. */
    private static Config readerConfig(ApiServer server, ReaderToken token) {
        return new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl(server.endpoint())
                .withCaCertData(server.certificateAuthority())
                .withOauthToken(token.value())
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    /**
     * One cheap authenticated read as the reader: what istiod in every other member does with this token. 401 means
     * the API server no longer accepts it (its Secret was deleted, or the account re-created).
     */
    private static boolean accepts(Config config, String where) {
        try (KubernetesClient reader = new KubernetesClientBuilder().withConfig(config).build()) {
            reader.namespaces().withName(Istio.NAMESPACE).get();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
                return false;
            }
            if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                return true; // authenticated, only not allowed: the token itself works
            }
            throw KubernetesErrors.translate(e, "reading namespace " + Istio.NAMESPACE + " in " + where
                    + " with its reader token");
        }
    }

    /** The cluster a remote secret points at, or null for any other Secret. */
    private static String subjectOf(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (labels == null || !"true".equals(labels.get(RemoteSecret.MULTI_CLUSTER_LABEL)) || annotations == null) {
            return null;
        }
        return annotations.get(RemoteSecret.CLUSTER_ANNOTATION);
    }

    static MemberView.Held heldOf(Secret secret, String subject) {
        String data = secret.getData() == null ? null : secret.getData().get(subject);
        if (data == null) {
            return new MemberView.Held(null, null, null);
        }
        try {
            var kubeconfig = KubeConfigUtils.parseConfigFromString(new String(decode(data), StandardCharsets.UTF_8));
            NamedCluster cluster = kubeconfig.getClusters().get(0);
            NamedAuthInfo user = kubeconfig.getUsers().get(0);
            String token = user.getUser().getToken();
            return new MemberView.Held(cluster.getCluster().getServer(),
                    digest(decode(cluster.getCluster().getCertificateAuthorityData())),
                    token == null ? null : digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException unreadable) {
            // a kubeconfig we cannot read is as good as none: rewritten
            return new MemberView.Held(null, null, null);
        }
    }

    private static MemberView.CaValidity caValidity(String clusterName, Secret cacerts) {
        Map<String, String> data = cacerts.getData() == null ? Map.of() : cacerts.getData();
        return new MemberView.CaValidity(clusterName, notAfter(data.get("ca-cert.pem")), notAfter(data.get("root-cert.pem")));
    }

    private static Instant notAfter(String base64Pem) {
        if (base64Pem == null) {
            return null;
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(decode(base64Pem)));
            return certificate.getNotAfter().toInstant();
        } catch (CertificateException | RuntimeException unreadable) {
            return null;
        }
    }

    private static byte[] decode(String base64) {
        return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64);
    }

    private static String digest(byte[] value) {
        return Digests.sha256(value);
    }
}
