package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ReaderState;
import meshonboarder.remote.ReaderToken;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.TokenController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReaderIdentityTest {

    private final ReaderIdentity reader = new ReaderIdentity();
    private MockClusters clusters;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        client = clusters.client("eks-a");
    }

    @AfterEach
    void stop() {
        client.close();
        clusters.close();
    }

    @Test
    void ensure_whenNothingExists_createsTheChartsObjectsAndAnEmptyTokenSecret() {
        ReaderState state = reader.ensure(client, "mesh1/eks-a");

        assertThat(state.created()).isTrue();
        assertThat(state.ready()).isFalse();
        assertThat(state.tokenSecret()).isEqualTo("istio-reader-service-account-istio-remote-secret-token");
        assertThat(client.serviceAccounts().inNamespace("istio-system").withName("istio-reader-service-account").get())
                .isNotNull();
        ClusterRole role = client.rbac().clusterRoles().withName("istio-reader-clusterrole-istio-system").get();
        assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).doesNotContain("update", "patch"));
        assertThat(client.rbac().clusterRoleBindings().withName("istio-reader-clusterrole-istio-system").get()
                .getSubjects()).singleElement().satisfies(s -> assertThat(s.getName())
                .isEqualTo("istio-reader-service-account"));
        var secret = client.secrets().inNamespace("istio-system").withName(state.tokenSecret()).get();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/service-account-token");
        assertThat(secret.getMetadata().getAnnotations())
                .containsEntry("kubernetes.io/service-account.name", "istio-reader-service-account");
    }

    @Test
    void ensure_whenTheTokenControllerFilledIt_returnsTheTokenAndCreatesNothing() {
        reader.ensure(client, "mesh1/eks-a");
        TokenController.fill(client, "istio-system", clusters.certificateAuthority("eks-a"));

        ReaderState state = reader.ensure(client, "mesh1/eks-a");

        assertThat(state.created()).isFalse();
        assertThat(state.ready()).isTrue();
        String token = TokenController.tokenOf(client, "istio-system", state.tokenSecret());
        assertThat(state.token()).isEqualTo(ReaderToken.of(token));
        assertThat(state.toString()).doesNotContain(token);
    }

    @Test
    void ensure_whenIstioctlMadeATokenSecretOfAnotherName_reusesIt() {
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(ReaderObjects.tokenSecret())
                .editMetadata().withName("reader-token-by-hand").endMetadata().build()).create();
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                .withName("a-token-of-someone-else").addToAnnotations("kubernetes.io/service-account.name", "istiod")
                .endMetadata().withType("kubernetes.io/service-account-token").build()).create();

        ReaderState state = reader.ensure(client, "mesh1/eks-a");

        assertThat(state.tokenSecret()).isEqualTo("reader-token-by-hand");
        assertThat(client.secrets().inNamespace("istio-system").withName(ReaderObjects.TOKEN_SECRET).get()).isNull();
    }

    @Test
    void filledToken_whenNotFilledYet_isTransientWithoutATokenInTheMessage() {
        assertThatThrownBy(() -> reader.ensure(client, "mesh1/eks-a").filledToken("mesh1/eks-a"))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("has not filled Secret istio-system/istio-reader-service-account-istio-remote-secret-token");
    }
}
