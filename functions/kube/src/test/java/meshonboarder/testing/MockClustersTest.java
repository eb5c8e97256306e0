package meshonboarder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.kubernetes.ClusterConnector;
import org.junit.jupiter.api.Test;

class MockClustersTest {

    @Test
    void access_whenTwoClusters_keepsTheirObjectsApart() {
        try (MockClusters clusters = new MockClusters()) {
            clusters.start("eks-a");
            clusters.start("eks-b");
            ClusterConnector connector = clusters.connector();

            try (KubernetesClient a = connector.connect("us-east-1", "eks-a");
                 KubernetesClient b = connector.connect("us-east-1", "eks-b")) {
                a.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                        .withName("cacerts").endMetadata().addToStringData("ca-cert.pem", "x").build()).create();

                assertThat(a.secrets().inNamespace("istio-system").withName("cacerts").get()).isNotNull();
                assertThat(b.secrets().inNamespace("istio-system").withName("cacerts").get()).isNull();
            }
            assertThat(clusters.endpoint("eks-a")).startsWith("https://localhost:").doesNotEndWith("/");
            assertThat(clusters.endpoint("eks-a")).isNotEqualTo(clusters.endpoint("eks-b"));
        }
    }

    @Test
    void access_whenTheClusterWasNotStarted_failsWithClusterNotFound() {
        try (MockClusters clusters = new MockClusters()) {
            assertThatThrownBy(() -> clusters.connector().connect("us-east-1", "eks-x"))
                    .isInstanceOf(ClusterNotFound.class);
        }
    }
}
