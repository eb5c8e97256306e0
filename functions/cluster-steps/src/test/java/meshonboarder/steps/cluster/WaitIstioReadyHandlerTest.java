package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.istio.ReleaseOutcome;
import meshonboarder.istio.ReleaseResult;
import meshonboarder.json.Json;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness check on the states a real cluster passes through (set by hand: no controllers run here). */
class WaitIstioReadyHandlerTest {

    private static final String NS = "istio-system";
    private static final Cluster CLUSTER = IstioFixtures.cluster("eks-1", IpFamily.IPV6, "net-a");
    private static final IstioInstallation MULTI_NETWORK = new IstioInstallation("1.30.4", "net-a", true, false,
            List.of(new ReleaseResult("istiod", "istiod", "1.30.4", ReleaseOutcome.INSTALLED)), null, GatewayAddressType.DUALSTACK);
    private static final IstioInstallation SINGLE_NETWORK = new IstioInstallation("1.30.4", "net-a", false, false,
            List.of(new ReleaseResult("istiod", "istiod", "1.30.4", ReleaseOutcome.INSTALLED)), null, null);

    private final MockClusters clusters = new MockClusters();
    private KubernetesClient client;

    @BeforeEach
    void start() {
        clusters.start(CLUSTER.clusterName());
        client = clusters.client(CLUSTER.clusterName());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
    }

    @AfterEach
    void stop() {
        client.close();
        clusters.close();
    }

    private WaitIstioReadyHandler handler(int timeoutSeconds) {
        return new WaitIstioReadyHandler(IstioFixtures.offline(Map.of("POLL_INTERVAL_SECONDS", "10",
                "ISTIO_READY_TIMEOUT_SECONDS", Integer.toString(timeoutSeconds))), clusters.connector());
    }

    private static Map<String, Object> input(IstioInstallation istio, JsonNode previous) {
        Map<String, Object> input = new HashMap<>(Map.of("cluster", CLUSTER, "istio", istio));
        if (previous != null) {
            input.put("istioReady", previous);
        }
        return input;
    }

    @Test
    void handle_whenNothingReady_waitsAndSaysWhatIsMissing() {
        deployment("istiod", 0, 0);
        deployment("istio-eastwestgateway", 0, 0);
        gatewayService(null);

        JsonNode ready = Lambdas.invoke(handler(900), input(MULTI_NETWORK, null));

        assertThat(ready.path("ready").asBoolean()).isFalse();
        assertThat(ready.path("attempt").asInt()).isEqualTo(1);
        assertThat(ready.path("waitSeconds").asInt()).isEqualTo(10);
        assertThat(ready.path("istiodAvailable").asBoolean()).isFalse();
        assertThat(ready.path("loadBalancerAssigned").asBoolean()).isFalse();
        assertThat(ready.path("gatewayPodsReady").asBoolean()).isFalse();
        assertThat(ready.path("waitingFor").toString()).contains("istiod has no available replica yet")
                .contains("load balancer has no hostname or IP yet").contains("no east-west gateway pod is ready");
    }

    @Test
    void handle_whenIstiodReadyButNoLoadBalancerAddress_keepsWaitingForTheAddress() {
        deployment("istiod", 1, 1);
        deployment("istio-eastwestgateway", 1, 1);
        gatewayService(null);

        JsonNode first = Lambdas.invoke(handler(900), input(MULTI_NETWORK, null));
        JsonNode second = Lambdas.invoke(handler(900), input(MULTI_NETWORK, first));

        assertThat(second.path("ready").asBoolean()).isFalse();
        assertThat(second.path("attempt").asInt()).isEqualTo(2);
        assertThat(second.path("istiodAvailable").asBoolean()).isTrue();
        assertThat(second.path("gatewayPodsReady").asBoolean()).isTrue();
        assertThat(second.path("loadBalancerAssigned").asBoolean()).isFalse();
        assertThat(second.path("waitingFor")).hasSize(1);
        assertThat(second.has("eastWestAddress")).isFalse();
    }

    @Test
    void handle_whenAllReady_isReadyWithTheNlbHostname() {
        deployment("istiod", 1, 1);
        deployment("istio-eastwestgateway", 2, 2);
        gatewayService("k8s-istiosys-istioeas-0123456789-abcdef.elb.us-east-1.amazonaws.com");

        JsonNode ready = Lambdas.invoke(handler(900), input(MULTI_NETWORK, null));

        assertThat(ready.path("ready").asBoolean()).isTrue();
        assertThat(ready.path("attempt").asInt()).isEqualTo(1);
        assertThat(ready.path("eastWestAddress").asText())
                .isEqualTo("k8s-istiosys-istioeas-0123456789-abcdef.elb.us-east-1.amazonaws.com");
        assertThat(ready.path("waitingFor")).isEmpty();
    }

    /**
     * After an upgrade (the reconciler's rollout) the old pods stay available while the new ones start: ready only once
     * every replica runs the new pod template, as {@code kubectl rollout status} waits for it.
     */
    @Test
    void handle_whenUpgradeStillRollingOut_waitsForTheNewPods() {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName("istiod").endMetadata()
                .withNewSpec().withReplicas(2).endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(2).withAvailableReplicas(2).withUpdatedReplicas(1)
                .withObservedGeneration(1L).endStatus().build()).create();

        JsonNode waiting = Lambdas.invoke(handler(900), input(SINGLE_NETWORK, null));

        assertThat(waiting.path("ready").asBoolean()).isFalse();
        assertThat(waiting.path("waitingFor").toString())
                .contains("istiod's latest revision is still rolling out (1 of 2 pods updated)");

        client.apps().deployments().inNamespace(NS).withName("istiod").editStatus(d -> new DeploymentBuilder(d)
                .editStatus().withReplicas(2).withUpdatedReplicas(2).endStatus().build());

        assertThat(Lambdas.invoke(handler(900), input(SINGLE_NETWORK, waiting)).path("ready").asBoolean()).isTrue();
    }

    @Test
    void handle_whenNewTemplateNotYetObserved_waitsForItsController() {
        deployment("istiod", 1, 1);
        // an upgrade's new pod template: the API server bumps the generation, the status still tells of the old one
        client.apps().deployments().inNamespace(NS).withName("istiod").edit(d -> new DeploymentBuilder(d)
                .editSpec().withNewTemplate().withNewMetadata().addToLabels("version", "1.31.0").endMetadata()
                .endTemplate().endSpec().build());

        JsonNode waiting = Lambdas.invoke(handler(900), input(SINGLE_NETWORK, null));

        assertThat(waiting.path("ready").asBoolean()).isFalse();
        assertThat(waiting.path("waitingFor").toString())
                .contains("istiod's latest revision is still rolling out (generation 2, its controller has acted on 1)");
    }

    @Test
    void handle_whenSingleNetwork_needsIstiodOnly() {
        deployment("istiod", 1, 1);

        JsonNode ready = Lambdas.invoke(handler(900), input(SINGLE_NETWORK, null));

        assertThat(ready.path("ready").asBoolean()).isTrue();
        assertThat(ready.path("loadBalancerAssigned").asBoolean()).isTrue();
        assertThat(ready.path("gatewayPodsReady").asBoolean()).isTrue();
    }

    @Test
    void handle_whenClusterHasNoNodes_waitsUntilTheLimitThenSaysSo() {
        deployment("istiod", 0, 0);
        client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName("istiod-7d4b9c-x2x9q").addToLabels("app", "istiod").endMetadata()
                .withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("no nodes available to schedule pods").endCondition()
                .endStatus().build()).create();
        WaitIstioReadyHandler handler = handler(30);

        JsonNode check = null;
        for (int i = 0; i < 3; i++) {
            check = Lambdas.invoke(handler, input(SINGLE_NETWORK, check));
            assertThat(check.path("ready").asBoolean()).isFalse();
        }
        JsonNode last = check;

        assertThat(last.path("attempt").asInt()).isEqualTo(3);
        assertThat(last.path("waitingFor").get(0).asText()).contains("cannot be scheduled")
                .contains("no nodes available to schedule pods").contains("no node that can run them");
        assertThatThrownBy(() -> Lambdas.invoke(handler, input(SINGLE_NETWORK, last)))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("Gave up after 30 s waiting for Istio on cluster 'eks-1'")
                .hasMessageContaining("no node that can run them");
    }

    @Test
    void handle_whenIstioNotInstalled_waitsForIstiod() {
        JsonNode ready = Lambdas.invoke(handler(900), input(SINGLE_NETWORK, null));

        assertThat(ready.path("ready").asBoolean()).isFalse();
        assertThat(ready.path("waitingFor").get(0).asText()).contains("istiod is not installed");
    }

    @Test
    void handle_whenInputIsTheExecutionState_readsOnlyItsFields() throws Exception {
        deployment("istiod", 1, 1);
        String state = "{\"cluster\":" + Json.MAPPER.writeValueAsString(CLUSTER) + ",\"istio\":"
                + Json.MAPPER.writeValueAsString(SINGLE_NETWORK) + ",\"clusterWait\":{\"ready\":true},\"other\":1}";

        JsonNode ready = Lambdas.invoke(handler(900), state);

        assertThat(ready.path("ready").asBoolean()).isTrue();
    }

    // fabric8 reports a request that got no answer with code -1 (no HTTP status): the translator the Istio steps
    // used before missed it and let the raw client exception fail the execution instead of retrying.
    @Test
    void handle_whenTheApiServerDoesNotAnswer_isTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + closedPort + "/")
                .withRequestRetryBackoffLimit(0).build();
        WaitIstioReadyHandler handler = new WaitIstioReadyHandler(IstioFixtures.offline(Map.of()),
                (region, name) -> new KubernetesClientBuilder().withConfig(config).build());

        assertThatThrownBy(() -> Lambdas.invoke(handler, input(SINGLE_NETWORK, null)))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("Could not reach the Kubernetes API server")
                .cause().isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(-1));
    }

    private void deployment(String name, int ready, int available) {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(Math.max(1, ready)).endSpec()
                .withNewStatus().withReplicas(Math.max(1, ready)).withReadyReplicas(ready)
                .withAvailableReplicas(available).withUpdatedReplicas(Math.max(1, ready)).withObservedGeneration(1L).endStatus()
                .build()).create();
    }

    private void gatewayService(String hostname) {
        ServiceBuilder service = new ServiceBuilder()
                .withNewMetadata().withName("istio-eastwestgateway").endMetadata()
                .withNewSpec().withType("LoadBalancer").endSpec();
        if (hostname != null) {
            service.withNewStatus().withNewLoadBalancer().addNewIngress().withHostname(hostname).endIngress()
                    .endLoadBalancer().endStatus();
        }
        client.services().inNamespace(NS).resource(service.build()).create();
    }
}
