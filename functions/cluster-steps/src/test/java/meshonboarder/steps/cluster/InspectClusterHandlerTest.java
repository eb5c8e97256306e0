package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import meshonboarder.errors.LoadBalancerControllerMissing;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * InspectCluster against a mock API server. {@code service.beta.kubernetes.io/aws-load-balancer-type: external} is
 * served by the AWS Load Balancer Controller alone
 * (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/).
 */
class InspectClusterHandlerTest {

    private MockClusters clusters;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private InspectClusterHandler handler(String mode) {
        return new InspectClusterHandler(MotoServer.wiring(Map.of("MESH_MODE", mode)), clusters.connector());
    }

    /** As the controller's Helm chart installs it (chart aws-load-balancer-controller, namespace kube-system). */
    private void installController() {
        try (KubernetesClient client = clusters.client("eks-a")) {
            client.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder().withNewMetadata()
                    .withName("aws-load-balancer-controller").withNamespace("kube-system")
                    .addToLabels("app.kubernetes.io/name", "aws-load-balancer-controller").endMetadata()
                    .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("controller")
                    .withImage("public.ecr.aws/eks/aws-load-balancer-controller:v2.13.3").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
        }
    }

    @Test
    void handle_whenMultiNetworkAndTheControllerRuns_recordsIt() {
        installController();

        JsonNode facts = Lambdas.invoke(handler("multi-network"), Map.of("cluster", ClusterStepsFixture.cluster("eks-a")));

        assertThat(facts.path("loadBalancerControllerInstalled").asBoolean()).isTrue();
        assertThat(facts.path("loadBalancerController").asText())
                .isEqualTo("kube-system/aws-load-balancer-controller (v2.13.3)");
    }

    @Test
    void handle_whenMultiNetworkWithoutTheController_refusesBeforeAnyWrite() {
        assertThatThrownBy(() -> Lambdas.invoke(handler("multi-network"),
                Map.of("cluster", ClusterStepsFixture.cluster("eks-a"))))
                .isInstanceOf(LoadBalancerControllerMissing.class)
                .hasMessageContaining("eks-a").hasMessageContaining("Nothing was changed");
    }

    @Test
    void handle_whenSingleNetworkWithoutTheController_onlyRecordsItsAbsence() {
        JsonNode facts = Lambdas.invoke(handler("single-network"), Map.of("cluster", ClusterStepsFixture.cluster("eks-a")));

        assertThat(facts.path("loadBalancerControllerInstalled").asBoolean()).isFalse();
    }
}
