package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ReaderKubeconfig;
import meshonboarder.remote.ReaderState;
import meshonboarder.remote.ReaderToken;
import meshonboarder.remote.RemoteSecretClusters;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.TokenController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote-secret port on mock API servers: the reader identity made and read, the remote secret written in
 * istioctl's layout and not written again, and an API server out of reach named Transient. The rules that use it:
 * ExchangeRemoteSecretsServiceTest and RepairRemoteSecretsServiceTest in domain; together: RemoteSecretsFlowTest.
 */
class KubernetesRemoteSecretClustersTest {

    private MockClusters clusters;
    private KubernetesRemoteSecretClusters port;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        clusters.start("eks-b");
        port = new KubernetesRemoteSecretClusters(clusters.connector());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private ApiServer server(String name) {
        return new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true);
    }

    private Secret held(String holder, String subject) {
        try (KubernetesClient client = clusters.client(holder)) {
            return client.secrets().inNamespace("istio-system").withName(RemoteSecret.name(subject)).get();
        }
    }

    @Test
    void ensureReader_whenNothingExists_makesTheIdentityThenReadsTheTokenOnceFilled() {
        ReaderState first;
        try (RemoteSecretClusters.Connection a = port.connect("us-east-1", "eks-a")) {
            first = a.ensureReader("mesh1/eks-a");
        }
        try (KubernetesClient client = clusters.client("eks-a")) {
            assertThat(client.serviceAccounts().inNamespace("istio-system").withName("istio-reader-service-account")
                    .get()).isNotNull();
            TokenController.fill(client, "istio-system", clusters.certificateAuthority("eks-a"));
        }
        ReaderState filled;
        try (RemoteSecretClusters.Connection a = port.connect("us-east-1", "eks-a", server("eks-a"))) {
            filled = a.ensureReader("mesh1/eks-a");
        }

        assertThat(first.created()).isTrue();
        assertThat(first.ready()).isFalse();
        assertThat(filled.created()).isFalse();
        try (KubernetesClient client = clusters.client("eks-a")) {
            assertThat(filled.token()).isEqualTo(ReaderToken.of(
                    TokenController.tokenOf(client, "istio-system", filled.tokenSecret())));
        }
    }

    @Test
    void writeRemoteSecret_whenWrittenAgain_createsItOnceInIstioctlsLayoutThenChangesNothing() {
        clusters.readerReady("eks-a");
        ReaderKubeconfig kubeconfig;
        try (RemoteSecretClusters.Connection a = port.connect("us-east-1", "eks-a", server("eks-a"))) {
            kubeconfig = ReaderKubeconfig.of(a, "eks-a", server("eks-a"), "mesh1/eks-a");
        }

        ApplyOutcome first;
        ApplyOutcome second;
        try (RemoteSecretClusters.Connection b = port.connect("us-east-1", "eks-b")) {
            first = b.writeRemoteSecret(kubeconfig);
        }
        String version = held("eks-b", "eks-a").getMetadata().getResourceVersion();
        try (RemoteSecretClusters.Connection b = port.connect("us-east-1", "eks-b")) {
            second = b.writeRemoteSecret(kubeconfig);
        }

        assertThat(first).isEqualTo(ApplyOutcome.CREATED);
        assertThat(second).isEqualTo(ApplyOutcome.UNCHANGED);
        Secret secret = held("eks-b", "eks-a");
        assertThat(secret.getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(secret.getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
        Config config = Config.fromKubeconfig(new String(Base64.getDecoder().decode(secret.getData().get("eks-a")),
                StandardCharsets.UTF_8));
        assertThat(config.getMasterUrl()).startsWith(clusters.endpoint("eks-a"));
        assertThat(config.getAutoOAuthToken()).isEqualTo(kubeconfig.token().value());
    }

    @Test
    void writeRemoteSecret_whenTheSubjectsTokenChanged_updatesIt() {
        try (RemoteSecretClusters.Connection b = port.connect("us-east-1", "eks-b")) {
            b.writeRemoteSecret(new ReaderKubeconfig("eks-a", server("eks-a"), ReaderToken.of("old-token")));

            assertThat(b.writeRemoteSecret(new ReaderKubeconfig("eks-a", server("eks-a"), ReaderToken.of("new-token"))))
                    .isEqualTo(ApplyOutcome.UPDATED);
        }
    }

    @Test
    void writeRemoteSecret_whenTheApiServerIsOutOfReach_isTransient() {
        clusters.server("eks-b").shutdown();

        try (RemoteSecretClusters.Connection b = port.connect("us-east-1", "eks-b")) {
            assertThatThrownBy(() -> b.writeRemoteSecret(new ReaderKubeconfig("eks-a", server("eks-a"),
                    ReaderToken.of("token")))).isInstanceOf(Transient.class);
        }
    }

    @Test
    void refused_whenAnApiErrorNoStepErrorNames_isTrueAndForAnythingElseFalse() {
        assertThat(port.refused(new KubernetesClientException("namespaces \"istio-system\" not found", 404, null)))
                .isTrue();
        assertThat(port.refused(new IllegalStateException("a fault"))).isFalse();
        assertThat(port.refused(new Transient("busy"))).isFalse();
    }
}
