package meshonboarder.kubernetes.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import meshonboarder.ca.CaCerts;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cacerts port on a mock API server: Istio's file names, the namespace made first, and no second write. */
class KubernetesCaCertsSecretsTest {

    private static final CaCerts CACERTS = new CaCerts("ca cert", "ca key", "root cert", "ca cert\nroot cert");

    private MockClusters clusters;
    private KubernetesCaCertsSecrets port;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        port = new KubernetesCaCertsSecrets(clusters.connector());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private Secret stored() {
        try (KubernetesClient client = clusters.client("eks-a")) {
            return client.secrets().inNamespace("istio-system").withName("cacerts").get();
        }
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    @Test
    void apply_whenTheClusterHasNoIstioYet_makesTheNamespaceAndWritesIstiosFiles() {
        assertThat(port.apply("us-east-1", "eks-a", CACERTS)).isEqualTo(ApplyOutcome.CREATED);

        try (KubernetesClient client = clusters.client("eks-a")) {
            assertThat(client.namespaces().withName("istio-system").get()).isNotNull();
        }
        Secret secret = stored();
        assertThat(secret.getData()).containsOnlyKeys("ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem");
        assertThat(decoded(secret, "ca-key.pem")).isEqualTo("ca key");
        assertThat(decoded(secret, "cert-chain.pem")).isEqualTo("ca cert\nroot cert");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "mesh-onboarder");
    }

    @Test
    void apply_whenItHoldsThemAlready_writesNothingAndAnotherCaReplacesThem() {
        port.apply("us-east-1", "eks-a", CACERTS);
        String version = stored().getMetadata().getResourceVersion();

        assertThat(port.apply("us-east-1", "eks-a", CACERTS)).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(port.apply("us-east-1", "eks-a", new CaCerts("new cert", "new key", "root cert",
                "new cert\nroot cert"))).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(decoded(stored(), "ca-cert.pem")).isEqualTo("new cert");
    }
}
