package meshonboarder.testing.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The behaviours Helm relies on, one by one (docs/design.md, "Helm against a mock API server"). */
class HelmReadyMockServerTest {

    private final HelmReadyMockServer server = HelmReadyMockServer.start();
    private final KubernetesClient client = server.client();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path))
                .header("Accept", "application/vnd.kubernetes.protobuf, application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void version_whenAskedWithATimeout_answersJson() throws Exception {
        HttpResponse<String> response = get("/version?timeout=32s");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).contains("\"gitVersion\":\"v1.33.0\"");
    }

    @Test
    void discovery_whenCrdInstalled_listsItsGroup() throws Exception {
        assertThat(get("/apis/security.istio.io/v1").statusCode()).isEqualTo(404);
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("peerauthentications.security.istio.io").endMetadata()
                .withNewSpec().withGroup("security.istio.io").withScope("Namespaced")
                .withNewNames().withKind("PeerAuthentication").withPlural("peerauthentications").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();

        assertThat(get("/apis").body()).contains("\"name\":\"security.istio.io\"");
        assertThat(get("/apis/security.istio.io/v1").body()).contains("\"kind\":\"PeerAuthentication\"");
        assertThat(get("/api/v1").body()).contains("\"name\":\"secrets\"");
    }

    @Test
    void list_whenSecrets_saysSecretList() throws Exception {
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.istiod.v1").addToLabels("owner", "helm").endMetadata().build()).create();

        String body = get("/api/v1/namespaces/istio-system/secrets?labelSelector=owner%3Dhelm").body();

        assertThat(body).contains("\"kind\":\"SecretList\"").contains("sh.helm.release.v1.istiod.v1");
    }

    @Test
    void patch_whenStrategicMerge_mergesContainersByName() {
        client.apps().deployments().inNamespace("istio-system").resource(new DeploymentBuilder()
                .withNewMetadata().withName("istiod").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addToContainers(new ContainerBuilder().withName("discovery").withImage("pilot:1.30.4")
                        .addNewEnv().withName("A").withValue("1").endEnv().build())
                .addToContainers(new ContainerBuilder().withName("sidecar").withImage("proxy:1").build())
                .endSpec().endTemplate().endSpec().build()).create();

        client.apps().deployments().inNamespace("istio-system").withName("istiod")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), """
                        {"metadata":{"labels":{"release":"istiod"}},
                         "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"discovery"},{"name":"sidecar"}],
                           "containers":[{"name":"discovery","image":"pilot:1.31.0","env":[{"name":"B","value":"2"}]}]}}}}""");

        Deployment patched = client.apps().deployments().inNamespace("istio-system").withName("istiod").get();
        assertThat(patched.getMetadata().getLabels()).containsEntry("release", "istiod");
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers()).hasSize(2);
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("pilot:1.31.0");
        assertThat(patched.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("A=1", "B=2");
    }

    /** A real API server refuses a second create with reason AlreadyExists, which Helm's storage driver reads. */
    @Test
    void create_whenTheObjectExists_answersAlreadyExistsAsAnApiServerDoes() throws Exception {
        String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"sh.helm.release.v1.x.v2\"}}";
        HttpRequest create = HttpRequest.newBuilder(URI.create(server.url()).resolve("/api/v1/namespaces/istio-system/secrets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(secret)).build();
        assertThat(HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

        HttpResponse<String> again = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"reason\":\"AlreadyExists\"")
                .contains("secrets \\\"sh.helm.release.v1.x.v2\\\" already exists");
    }

    @Test
    void create_whenProtobufSecret_storesItAsJson() throws Exception {
        // a v1.Secret as Helm's typed client sends it: k8s\0 + runtime.Unknown{typeMeta, raw}
        io.kubernetes.client.proto.V1.Secret secret = io.kubernetes.client.proto.V1.Secret.newBuilder()
                .setMetadata(io.kubernetes.client.proto.Meta.ObjectMeta.newBuilder().setName("sh.helm.release.v1.x.v1")
                        .putLabels("owner", "helm"))
                .setType("helm.sh/release.v1")
                .putData("release", ByteString.copyFromUtf8("H4sI")).build();
        byte[] unknown = io.kubernetes.client.proto.Runtime.Unknown.newBuilder()
                .setTypeMeta(io.kubernetes.client.proto.Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Secret"))
                .setRaw(secret.toByteString()).build().toByteArray();
        byte[] body = new byte[unknown.length + 4];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url()).resolve("/api/v1/namespaces/istio-system/secrets"))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        GenericKubernetesResource stored = client.genericKubernetesResources("v1", "Secret").inNamespace("istio-system")
                .withName("sh.helm.release.v1.x.v1").get();
        assertThat(stored.getMetadata().getLabels()).containsEntry("owner", "helm");
        assertThat(stored.get("type").toString()).isEqualTo("helm.sh/release.v1");
        assertThat(stored.<String>get("data", "release")).isEqualTo("SDRzSQ==");
    }
}
