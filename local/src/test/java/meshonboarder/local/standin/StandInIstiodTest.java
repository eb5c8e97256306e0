package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.SyncStatus;
import meshonboarder.kubernetes.istio.KubernetesIstiodViews;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-in istiod uses the remote secrets as istiod does: a kubeconfig with a wrong CA, endpoint or token never
 * syncs (istiod's informers cannot LIST through it, and the cluster ends {@code timeout}). Turns by hand, no clock.
 */
class StandInIstiodTest {

    private static final SimulatedCluster.Behaviour BY_HAND =
            new SimulatedCluster.Behaviour(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    private static final Member A = new Member("mesh1", "eks-a", "us-east-1", "arn:aws:eks:us-east-1:1:cluster/eks-a",
            IpFamily.IPV4, "net-a");

    private final SimulatedCluster a = new SimulatedCluster("eks-a", IpFamily.IPV4, BY_HAND);
    private final SimulatedCluster b = new SimulatedCluster("eks-b", IpFamily.IPV4, BY_HAND);
    private String token;

    @BeforeEach
    void istiodInAAndAReaderTokenInB() {
        a.client().apps().deployments().inNamespace("istio-system").resource(new DeploymentBuilder().withNewMetadata()
                .withName("istiod").endMetadata().withNewSpec().withNewTemplate().withNewSpec().endSpec().endTemplate()
                .endSpec().build()).create();
        token = readerToken("reader-1");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private String readerToken(String name) {
        b.client().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName(name)
                .addToAnnotations("kubernetes.io/service-account.name", "istio-reader-service-account").endMetadata()
                .withType("kubernetes.io/service-account-token").build()).create();
        b.reconcileQuietly();
        b.refreshTokens(); // past a turn of b's own loop that listed the Secret before it was filled
        String data = b.client().secrets().inNamespace("istio-system").withName(name).get().getData().get("token");
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    private void remoteSecret(String server, String caBase64, String bearer) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: eks-b
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                contexts:
                - name: eks-b
                  context: {cluster: eks-b, user: eks-b}
                current-context: eks-b
                users:
                - name: eks-b
                  user:
                    token: %s
                """.formatted(server, caBase64, bearer);
        a.client().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                .withName("istio-remote-secret-eks-b").addToLabels("istio/multiCluster", "true").endMetadata()
                .addToData("eks-b", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
                .build()).createOr(s -> s.update());
    }

    /** What mesh-onboarder reads: the metrics through eks-a's API server's pod proxy, over its TLS endpoint. */
    private IstiodView view() {
        a.reconcileQuietly();
        return istiods().read(A);
    }

    private KubernetesIstiodViews istiods() {
        return new KubernetesIstiodViews((region, name) -> new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(a.endpoint()).withCaCertData(a.certificateAuthority()).withOauthToken("k8s-aws-v1.test")
                .build()).build());
    }

    @Test
    void view_whenTheRemoteSecretIsRight_isSyncedThroughThePodProxy() {
        remoteSecret(b.endpoint(), b.certificateAuthority(), token);

        assertThat(view().remotes()).isEqualTo(Map.of("eks-b", SyncStatus.SYNCED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca", "endpoint", "token"})
    void view_whenTheRemoteSecretHasAWrongPart_isTimeout(String wrong) {
        remoteSecret(wrong.equals("endpoint") ? a.endpoint() : b.endpoint(),
                wrong.equals("ca") ? a.certificateAuthority() : b.certificateAuthority(),
                wrong.equals("token") ? "local.not-issued" : token);

        assertThat(view().remotes()).isEqualTo(Map.of("eks-b", SyncStatus.TIMEOUT));
    }

    /** istio/istio#61043 (1.30.0 to 1.30.3): a rewritten remote secret leaves the subject stale until a restart. */
    @Test
    void view_whenBuggyAndTheSecretIsRewritten_staysStaleUntilARolloutRestart() {
        a.istiod().staleAfterUpdate(true);
        remoteSecret(b.endpoint(), b.certificateAuthority(), token);
        assertThat(view().status("eks-b")).isEqualTo(SyncStatus.SYNCED);

        remoteSecret(b.endpoint(), b.certificateAuthority(), readerToken("reader-2"));
        assertThat(view().status("eks-b")).isEqualTo(SyncStatus.SYNCING);

        istiods().restart(A, "run-1");
        assertThat(view().status("eks-b")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void view_whenTheSubjectIsUnreachableFromThisIstiodOnly_isTimeout() {
        a.istiod().unreachable("eks-b", true);
        remoteSecret(b.endpoint(), b.certificateAuthority(), token);

        assertThat(view().status("eks-b")).isEqualTo(SyncStatus.TIMEOUT);
    }

    @Test
    void view_whenIstiodPredatesTheGauge_isUnknown() {
        a.istiod().withoutGauge(true);
        remoteSecret(b.endpoint(), b.certificateAuthority(), token);

        assertThat(view().known()).isFalse();
    }
}
