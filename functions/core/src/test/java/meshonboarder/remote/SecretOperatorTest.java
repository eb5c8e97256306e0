package meshonboarder.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretOperatorTest {

    private static MockClusters clusters;
    private final SecretOperator secrets = new SecretOperator();
    private KubernetesClient client;

    @BeforeAll
    static void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
    }

    @AfterAll
    static void stop() {
        clusters.close();
    }

    @BeforeEach
    void clean() {
        client = clusters.client("eks-a");
        client.secrets().inNamespace("istio-system").delete();
    }

    private static Secret desired(String kubeconfig) {
        return RemoteSecret.of("eks-b", kubeconfig);
    }

    private Secret current() {
        return client.secrets().inNamespace("istio-system").withName("istio-remote-secret-eks-b").get();
    }

    @Test
    void reconcile_whenAbsent_createsIt() {
        assertThat(secrets.reconcile(client, desired("one"), "eks-a")).isEqualTo(Outcome.CREATED);

        assertThat(current().getData()).isEqualTo(desired("one").getData());
        assertThat(current().getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
    }

    @Test
    void reconcile_whenSameContent_writesNothing() {
        secrets.reconcile(client, desired("one"), "eks-a");
        String version = current().getMetadata().getResourceVersion();

        assertThat(secrets.reconcile(client, desired("one"), "eks-a")).isEqualTo(Outcome.UNCHANGED);
        assertThat(current().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void reconcile_whenKubeconfigChanged_updatesItAndKeepsOthersLabels() {
        secrets.reconcile(client, desired("one"), "eks-a");
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(current())
                .editMetadata().addToLabels("team", "platform").endMetadata()
                .addToData("stray", "eA==").build()).update();

        assertThat(secrets.reconcile(client, desired("two"), "eks-a")).isEqualTo(Outcome.UPDATED);

        assertThat(current().getData()).isEqualTo(desired("two").getData());
        assertThat(current().getMetadata().getLabels()).containsEntry("team", "platform")
                .containsEntry("istio/multiCluster", "true");
    }

    @Test
    void reconcile_whenLabelRemovedByHand_putsItBack() {
        secrets.reconcile(client, desired("one"), "eks-a");
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(current())
                .editMetadata().removeFromLabels("istio/multiCluster").endMetadata().build()).update();

        assertThat(secrets.reconcile(client, desired("one"), "eks-a")).isEqualTo(Outcome.UPDATED);
        assertThat(current().getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
    }

    @Test
    void reconcile_whenManyWritersAtOnce_allSucceedAndOneSecretRemains() {
        List<CompletableFuture<Outcome>> writes = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try (KubernetesClient own = clusters.client("eks-a")) {
                        return secrets.reconcile(own, desired("same"), "eks-a");
                    }
                })).toList();

        List<Outcome> outcomes = writes.stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).containsOnlyOnce(Outcome.CREATED).doesNotContain(Outcome.UPDATED);
        assertThat(current().getData()).isEqualTo(desired("same").getData());
    }

    @Test
    void delete_whenPresentThenAbsent_saysWhich() {
        secrets.reconcile(client, desired("one"), "eks-a");

        assertThat(secrets.delete(client, "istio-system", "istio-remote-secret-eks-b", "eks-a")).isEqualTo(Outcome.DELETED);
        assertThat(secrets.delete(client, "istio-system", "istio-remote-secret-eks-b", "eks-a")).isEqualTo(Outcome.ABSENT);
        assertThat(current()).isNull();
    }
}
