package meshonboarder.steps.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RemoveIstio with real Helm (helm-java) on the fabric8 mock API server, after InstallIstio put the stand-in charts
 * there, and EnsureCa's {@code cacerts} beside them.
 */
class RemoveIstioHandlerTest {

    private static final String NS = "istio-system";
    private static final Member EKS_1 = new Member("mesh1", "eks-1", "us-east-1",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-1", IpFamily.IPV4, "net-a");
    private static final List<Map<String, Object>> REMOVED_BOTH_WAYS = List.of(
            Map.of("peer", Map.of("clusterName", "eks-2"), "status", "REMOVED"));

    private HelmReadyMockServer server;
    private KubernetesClient client;
    private Path charts;

    @BeforeEach
    void start() {
        charts = StandInCharts.shared("1.30.4", "1.31.0");
        server = HelmReadyMockServer.start();
        client = server.client();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** What onboarding left on eks-1: InstallIstio's releases and Gateway, and a cacerts Secret labelled as ours. */
    private void onboarded(String meshId) {
        Map<String, String> env = Map.of("ISTIO_CHART_REPOSITORY", StandInCharts.url(charts));
        Cluster cluster = new Cluster("eks-1", "us-east-1", meshId, "net-a", EKS_1.clusterArn(), "ACTIVE",
                "https://eks-1.eks.example", IpFamily.IPV4, "vpc-0abc", "1.33", "API", false);
        Lambdas.invoke(new InstallIstioHandler(MotoServer.wiring(env), (region, name) -> server.client()),
                Map.of("cluster", cluster));
        client.secrets().resource(cacerts(Map.of("app.kubernetes.io/managed-by", "mesh-onboarder"))).create();
    }

    private static Secret cacerts(Map<String, String> labels) {
        return new SecretBuilder().withNewMetadata().withNamespace(NS).withName("cacerts").withLabels(labels)
                .endMetadata().withData(Map.of("ca-cert.pem", "Y2VydA==")).build();
    }

    private JsonNode remove(boolean enabled, List<Map<String, Object>> removal) {
        Map<String, String> env = new HashMap<>(Map.of("REMOVE_ISTIO_ON_LEAVE", Boolean.toString(enabled)));
        RemoveIstioHandler handler = new RemoveIstioHandler(IstioFixtures.offline(env), (region, name) -> server.client());
        return Lambdas.invoke(handler, Map.of("member", EKS_1, "removal", removal));
    }

    @Test
    void handle_whenEnabledAndSecretsRemovedBothWays_uninstallsReleasesInReverseAndDeletesGatewayAndCacerts() {
        onboarded("mesh1");

        JsonNode removal = remove(true, REMOVED_BOTH_WAYS);

        assertThat(removal.path("status").asText()).isEqualTo("REMOVED");
        assertThat(objects(removal)).containsExactly(
                "Gateway istio-system/cross-network-gateway DELETED",
                "helm release istio-ingressgateway ABSENT",
                "helm release istio-eastwestgateway DELETED",
                "helm release istiod DELETED",
                "helm release istio-base DELETED",
                "Secret istio-system/cacerts DELETED");
        assertThat(helmReleaseSecrets()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).withName("istiod").get()).isNull();
        assertThat(client.services().inNamespace(NS).withName("istio-eastwestgateway").get()).isNull();
        assertThat(client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway").get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName("cacerts").get()).isNull();
    }

    @Test
    void handle_whenRunAgain_findsNothingAndWritesNothing() {
        onboarded("mesh1");
        remove(true, REMOVED_BOTH_WAYS);

        JsonNode again = remove(true, REMOVED_BOTH_WAYS);

        assertThat(again.path("status").asText()).isEqualTo("REMOVED");
        assertThat(objects(again)).allSatisfy(o -> assertThat(o).endsWith(" ABSENT")).hasSize(6);
    }

    @Test
    void handle_whenParameterFalse_keepsIstio() {
        onboarded("mesh1");

        JsonNode removal = remove(false, REMOVED_BOTH_WAYS);

        assertThat(removal.path("status").asText()).isEqualTo("KEPT");
        assertThat(helmReleaseSecrets()).hasSize(3);
        assertThat(client.secrets().inNamespace(NS).withName("cacerts").get()).isNotNull();
    }

    @Test
    void handle_whenAPeerWasUnreached_touchesNothingUntilARerun() {
        onboarded("mesh1");

        JsonNode removal = remove(true, List.of(Map.of("peer", Map.of("clusterName", "eks-2"), "status", "UNREACHED",
                "error", "meshonboarder.errors.Transient")));

        assertThat(removal.path("status").asText()).isEqualTo("WAITING");
        assertThat(removal.path("unreached").toString()).isEqualTo("[\"eks-2\"]");
        assertThat(helmReleaseSecrets()).hasSize(3);
        assertThat(client.secrets().inNamespace(NS).withName("cacerts").get()).isNotNull();
    }

    @Test
    void handle_whenIstiodBelongsToAnotherMesh_touchesNothing() {
        onboarded("mesh2");

        JsonNode removal = remove(true, REMOVED_BOTH_WAYS);

        assertThat(removal.path("status").asText()).isEqualTo("NOT_OURS");
        assertThat(removal.path("reason").asText()).contains("istiod").contains("mesh1");
        assertThat(helmReleaseSecrets()).hasSize(3);
        assertThat(client.secrets().inNamespace(NS).withName("cacerts").get()).isNotNull();
    }

    @Test
    void handle_whenCacertsIsNotLabelledOurs_keepsIt() {
        onboarded("mesh1");
        client.secrets().resource(cacerts(Map.of())).update();

        JsonNode removal = remove(true, REMOVED_BOTH_WAYS);

        assertThat(objects(removal)).contains("Secret istio-system/cacerts ABSENT");
        assertThat(client.secrets().inNamespace(NS).withName("cacerts").get()).isNotNull();
    }

    private static List<String> objects(JsonNode removal) {
        List<String> objects = new ArrayList<>();
        removal.path("objects").fields().forEachRemaining(e -> objects.add(e.getKey() + " " + e.getValue().asText()));
        return objects;
    }

    private List<String> helmReleaseSecrets() {
        return client.secrets().inNamespace(NS).withLabel("owner", "helm").list().getItems().stream()
                .map(s -> s.getMetadata().getName()).toList();
    }
}
