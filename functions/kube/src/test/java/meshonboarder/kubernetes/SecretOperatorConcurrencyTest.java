package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.kubernetes.remote.RemoteSecret;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator on remote secrets: base64 compared as bytes, others' labels kept, racing writers, deletes. */
class SecretOperatorConcurrencyTest {

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
    void apply_whenAbsent_createsIt() {
        assertThat(secrets.apply(client, "eks-a", desired("one"))).isEqualTo(ApplyOutcome.CREATED);

        assertThat(current().getData()).isEqualTo(desired("one").getData());
        assertThat(current().getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
    }

    @Test
    void apply_whenSameContent_writesNothing() {
        secrets.apply(client, "eks-a", desired("one"));
        String version = current().getMetadata().getResourceVersion();

        assertThat(secrets.apply(client, "eks-a", desired("one"))).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(current().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void apply_whenKubeconfigChanged_updatesItAndKeepsOthersLabels() {
        secrets.apply(client, "eks-a", desired("one"));
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(current())
                .editMetadata().addToLabels("team", "platform").endMetadata()
                .addToData("stray", "eA==").build()).update();

        assertThat(secrets.apply(client, "eks-a", desired("two"))).isEqualTo(ApplyOutcome.UPDATED);

        assertThat(current().getData()).isEqualTo(desired("two").getData());
        assertThat(current().getMetadata().getLabels()).containsEntry("team", "platform")
                .containsEntry("istio/multiCluster", "true");
    }

    @Test
    void apply_whenLabelRemovedByHand_putsItBack() {
        secrets.apply(client, "eks-a", desired("one"));
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder(current())
                .editMetadata().removeFromLabels("istio/multiCluster").endMetadata().build()).update();

        assertThat(secrets.apply(client, "eks-a", desired("one"))).isEqualTo(ApplyOutcome.UPDATED);
        assertThat(current().getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
    }

    @Test
    void apply_whenManyWritersAtOnce_allSucceedAndOneSecretRemains() {
        List<CompletableFuture<ApplyOutcome>> writes = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try (KubernetesClient own = clusters.client("eks-a")) {
                        return secrets.apply(own, "eks-a", desired("same"));
                    }
                })).toList();

        List<ApplyOutcome> outcomes = writes.stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).containsOnlyOnce(ApplyOutcome.CREATED).doesNotContain(ApplyOutcome.UPDATED);
        assertThat(current().getData()).isEqualTo(desired("same").getData());
    }

    @Test
    void delete_whenPresentThenAbsent_saysWhich() {
        secrets.apply(client, "eks-a", desired("one"));

        assertThat(secrets.delete(client, "eks-a", "istio-system", "istio-remote-secret-eks-b")).isEqualTo(ApplyOutcome.DELETED);
        assertThat(secrets.delete(client, "eks-a", "istio-system", "istio-remote-secret-eks-b")).isEqualTo(ApplyOutcome.ABSENT);
        assertThat(current()).isNull();
    }
}
