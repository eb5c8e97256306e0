package meshonboarder.kubernetes.istio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.SyncStatus;
import meshonboarder.mesh.Member;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** istiod's view read through the pod proxy path, and the rollout restart. */
class KubernetesIstiodViewsTest {

    private static final Member A = new Member("mesh1", "eks-a", "us-east-1", "arn:aws:eks:us-east-1:1:cluster/eks-a",
            IpFamily.IPV4, "net-a");

    private final MockClusters clusters = new MockClusters();
    private final KubernetesIstiodViews views = new KubernetesIstiodViews(clusters.connector());

    @AfterEach
    void stop() {
        clusters.close();
    }

    private KubernetesClient cluster() {
        clusters.start("eks-a");
        return clusters.client("eks-a");
    }

    private static void istiodPod(KubernetesClient client, String name, String phase) {
        client.pods().inNamespace("istio-system").resource(new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "istiod").endMetadata().withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    @Test
    void read_whenTheRunningPodServesTheGauge_readsItThroughThePodProxy() {
        try (KubernetesClient client = cluster()) {
            istiodPod(client, "istiod-old", "Failed");
            istiodPod(client, "istiod-abc", "Running");
        }
        clusters.server("eks-a").expect().get().withPath("/api/v1/namespaces/istio-system/pods/istiod-abc:15014/proxy/metrics")
                .andReturn(200, "# TYPE istiod_remote_cluster_sync_status gauge\n"
                        + "istiod_remote_cluster_sync_status{cluster=\"eks-b\",cluster_type=\"remote\",status=\"synced\"} 1\n"
                        + "istiod_remote_cluster_sync_status{cluster=\"eks-c\",cluster_type=\"remote\",status=\"timeout\"} 1\n")
                .always();

        IstiodView view = views.read(A);

        assertThat(view.known()).isTrue();
        assertThat(view.remotes()).isEqualTo(Map.of("eks-b", SyncStatus.SYNCED, "eks-c", SyncStatus.TIMEOUT));
    }

    @Test
    void read_whenNoRunningIstiod_isUnknown() {
        try (KubernetesClient client = cluster()) {
            istiodPod(client, "istiod-abc", "Pending");
        }

        IstiodView view = views.read(A);

        assertThat(view.known()).isFalse();
        assertThat(view.reason()).contains("no running istiod pod");
    }

    @Test
    void read_whenTheProxyIsForbidden_isUnknownWithTheCode() {
        try (KubernetesClient client = cluster()) {
            istiodPod(client, "istiod-abc", "Running");
        }
        clusters.server("eks-a").expect().get().withPath("/api/v1/namespaces/istio-system/pods/istiod-abc:15014/proxy/metrics")
                .andReturn(403, "").always();

        assertThat(views.read(A).reason()).contains("answered 403");
    }

    @Test
    void restart_whenCalledTwiceByOneRun_restartsOnce() {
        try (KubernetesClient client = cluster()) {
            client.apps().deployments().inNamespace("istio-system").resource(new DeploymentBuilder().withNewMetadata()
                    .withName("istiod").endMetadata().withNewSpec().withNewTemplate().withNewSpec().endSpec().endTemplate()
                    .endSpec().build()).create();

            views.restart(A, "run-1");
            String first = client.apps().deployments().inNamespace("istio-system").withName("istiod").get()
                    .getMetadata().getResourceVersion();
            views.restart(A, "run-1");

            var istiod = client.apps().deployments().inNamespace("istio-system").withName("istiod").get();
            assertThat(istiod.getMetadata().getResourceVersion()).isEqualTo(first);
            assertThat(istiod.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsKey(KubernetesIstiodViews.RESTARTED_AT)
                    .containsEntry(KubernetesIstiodViews.RESTARTED_BY, "run-1");
        }
    }
}
