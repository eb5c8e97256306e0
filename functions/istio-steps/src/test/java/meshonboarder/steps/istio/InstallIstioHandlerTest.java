package meshonboarder.steps.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import meshonboarder.aws.DynamoMeshMembers;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.MemberNetwork;
import meshonboarder.network.NetworkFacts;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class InstallIstioHandlerTest {

    private static final String NS = "istio-system";

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

    private InstallIstioHandler handler(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("ISTIO_CHART_REPOSITORY", StandInCharts.url(charts)));
        env.putAll(extra);
        return new InstallIstioHandler(MotoServer.wiring(env), (region, name) -> server.client());
    }

    private static Map<String, Object> input(Cluster cluster) {
        return Map.of("cluster", cluster, "clusterWait", Map.of("ready", true));
    }

    @Test
    void handle_whenNewMultiNetworkCluster_installsReleasesInOrderAndRecordsThem() {
        JsonNode istio = Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a")));

        assertThat(istio.path("version").asText()).isEqualTo("1.30.4");
        assertThat(istio.path("network").asText()).isEqualTo("net-a");
        assertThat(istio.path("eastWestGateway").asBoolean()).isTrue();
        assertThat(istio.path("ingressGateway").asBoolean()).isFalse();
        assertThat(istio.path("crossNetworkGateway").asText()).isEqualTo("CREATED");
        assertThat(releases(istio)).containsExactly(
                "istio-base base 1.30.4 INSTALLED",
                "istiod istiod 1.30.4 INSTALLED",
                "istio-eastwestgateway gateway 1.30.4 INSTALLED");
        // what `helm list -n istio-system` reads: one release Secret per release and revision
        assertThat(helmReleaseSecrets()).containsExactlyInAnyOrder("sh.helm.release.v1.istio-base.v1",
                "sh.helm.release.v1.istiod.v1", "sh.helm.release.v1.istio-eastwestgateway.v1");
    }

    @Test
    void handle_whenMultiNetwork_labelsNamespaceAndCreatesCrossNetworkGateway() {
        Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a")));

        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("topology.istio.io/network", "net-a");
        Gateway gateway = client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway").get();
        assertThat(gateway.getSpec().getSelector()).isEqualTo(Map.of("istio", "eastwestgateway"));
        assertThat(gateway.getSpec().getServers()).singleElement().satisfies(server -> {
            assertThat(server.getPort().getNumber()).isEqualTo(15443L);
            assertThat(server.getPort().getProtocol()).isEqualTo("TLS");
            assertThat(server.getTls().getMode().name()).isEqualTo("AUTO_PASSTHROUGH");
            assertThat(server.getHosts()).containsExactly("*.local");
        });
        // the gateway chart gives the east-west pods the label the Gateway selects
        assertThat(deployment("istio-eastwestgateway").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("istio", "eastwestgateway");
    }

    @ParameterizedTest
    @EnumSource(IpFamily.class)
    void handle_whenMultiNetwork_rendersIstiodValuesForTheFamily(IpFamily family) {
        Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-" + family.value(), family, "net-a")));

        Deployment istiod = deployment("istiod");
        assertThat(env(istiod)).containsEntry("CLUSTER_ID", "eks-" + family.value())
                .containsEntry("AUTO_RELOAD_PLUGIN_CERTS", "true");
        assertThat(configMap("istio").getData().get("mesh")).contains("meshId: mesh1");
        assertThat(configMap("istio-sidecar-injector").getData().get("values")).contains("\"network\": \"net-a\"")
                .contains("\"meshID\": \"mesh1\"").contains("\"clusterName\": \"eks-" + family.value() + "\"");
        Service service = service("istiod");
        assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(service.getSpec().getIpFamilies()).containsExactly(family == IpFamily.IPV6 ? "IPv6" : "IPv4");
    }

    @ParameterizedTest
    @EnumSource(IpFamily.class)
    void handle_whenMultiNetwork_rendersEastWestGatewayForTheFamily(IpFamily family) {
        Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-1", family, "net-b")));

        Service service = service("istio-eastwestgateway");
        assertThat(service.getMetadata().getLabels()).containsEntry("topology.istio.io/network", "net-b");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "external")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip")
                // the default follows the AWS post: public, as the members' VPCs are not declared connected
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")
                // alone in its mesh, a gateway has its cluster's family (an IPv6 NLB address needs dualstack)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ip-address-type",
                        family == IpFamily.IPV6 ? "dualstack" : "ipv4");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        // multi-primary publishes 15443 and the status port only (not istiod's 15012 and 15017)
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(15021, 15443);
        assertThat(deployment("istio-eastwestgateway").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("topology.istio.io/network", "net-b").containsEntry("istio", "eastwestgateway");
        assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(service.getSpec().getIpFamilies()).containsExactly(family == IpFamily.IPV6 ? "IPv6" : "IPv4");
        assertThat(env(deployment("istio-eastwestgateway"))).containsEntry("ISTIO_META_REQUESTED_NETWORK_VIEW", "net-b");
    }

    @Test
    void handle_whenSingleNetwork_installsNoGatewayAndNoCrossNetworkGateway() {
        JsonNode istio = Lambdas.invoke(handler(Map.of("MESH_MODE", "single-network")),
                input(IstioFixtures.cluster("eks-1", IpFamily.IPV6, "vpc-0abc")));

        assertThat(releases(istio)).containsExactly("istio-base base 1.30.4 INSTALLED",
                "istiod istiod 1.30.4 INSTALLED");
        assertThat(istio.path("eastWestGateway").asBoolean()).isFalse();
        assertThat(istio.has("crossNetworkGateway")).isFalse();
        assertThat(client.resources(Gateway.class).inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("topology.istio.io/network", "vpc-0abc");
        assertThat(configMap("istio-sidecar-injector").getData().get("values")).contains("\"network\": \"vpc-0abc\"");
    }

    @Test
    void handle_whenIngressAndPublicEastWest_installsIngressGatewayAndPublicNlb() {
        JsonNode istio = Lambdas.invoke(handler(Map.of("INSTALL_INGRESS_GATEWAY", "true",
                "EASTWEST_LB_SCHEME", "internet-facing")), input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a")));

        assertThat(releases(istio)).containsExactly("istio-base base 1.30.4 INSTALLED",
                "istiod istiod 1.30.4 INSTALLED", "istio-ingressgateway gateway 1.30.4 INSTALLED",
                "istio-eastwestgateway gateway 1.30.4 INSTALLED");
        assertThat(service("istio-eastwestgateway").getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing");
        Service ingress = service("istio-ingressgateway");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal");
        assertThat(ingress.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(15021, 80, 443);
    }

    @Test
    void handle_whenRunAgain_changesNothing() {
        Cluster cluster = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");
        Lambdas.invoke(handler(Map.of()), input(cluster));
        String gatewayVersion = client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway").get()
                .getMetadata().getResourceVersion();
        String namespaceVersion = client.namespaces().withName(NS).get().getMetadata().getResourceVersion();

        JsonNode again = Lambdas.invoke(handler(Map.of()), input(cluster));

        assertThat(releases(again)).containsExactly("istio-base base 1.30.4 UNCHANGED",
                "istiod istiod 1.30.4 UNCHANGED", "istio-eastwestgateway gateway 1.30.4 UNCHANGED");
        assertThat(again.path("crossNetworkGateway").asText()).isEqualTo("UNCHANGED");
        assertThat(helmReleaseSecrets()).hasSize(3).allMatch(name -> name.endsWith(".v1"));
        assertThat(client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway").get()
                .getMetadata().getResourceVersion()).isEqualTo(gatewayVersion);
        assertThat(client.namespaces().withName(NS).get().getMetadata().getResourceVersion()).isEqualTo(namespaceVersion);
    }

    @Test
    void handle_whenCrossNetworkGatewayWasEdited_putsItBack() {
        Cluster cluster = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");
        Lambdas.invoke(handler(Map.of()), input(cluster));
        client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway")
                .edit(g -> {
                    g.getSpec().getServers().get(0).getPort().setNumber(443L);
                    return g;
                });

        JsonNode again = Lambdas.invoke(handler(Map.of()), input(cluster));

        assertThat(again.path("crossNetworkGateway").asText()).isEqualTo("UPDATED");
        assertThat(client.resources(Gateway.class).inNamespace(NS).withName("cross-network-gateway").get()
                .getSpec().getServers().get(0).getPort().getNumber()).isEqualTo(15443L);
    }

    @Test
    void handle_whenVersionChanges_upgradesEveryReleaseInOrder() {
        Cluster cluster = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");
        Lambdas.invoke(handler(Map.of()), input(cluster));

        JsonNode upgraded = Lambdas.invoke(handler(Map.of("ISTIO_VERSION", "1.31.0")), input(cluster));

        assertThat(releases(upgraded)).containsExactly("istio-base base 1.31.0 UPGRADED",
                "istiod istiod 1.31.0 UPGRADED", "istio-eastwestgateway gateway 1.31.0 UPGRADED");
        assertThat(helmReleaseSecrets()).contains("sh.helm.release.v1.istiod.v2");
        assertThat(deployment("istiod").getMetadata().getLabels()).containsEntry("release", "istiod");
        assertThat(configMap("istio-sidecar-injector").getData().get("values")).contains("\"network\": \"net-a\"");
    }

    @Test
    void handle_whenNetworkChanges_upgradesIstiodAndRelabels() {
        Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a")));

        JsonNode moved = Lambdas.invoke(handler(Map.of()), input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-b")));

        assertThat(releases(moved)).containsExactly("istio-base base 1.30.4 UNCHANGED",
                "istiod istiod 1.30.4 UPGRADED", "istio-eastwestgateway gateway 1.30.4 UPGRADED");
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("topology.istio.io/network", "net-b");
        assertThat(configMap("istio-sidecar-injector").getData().get("values")).contains("\"network\": \"net-b\"");
        assertThat(env(deployment("istio-eastwestgateway"))).containsEntry("ISTIO_META_REQUESTED_NETWORK_VIEW", "net-b");
    }

    @Test
    void handle_whenUserValuesInSsm_mergesThemLast() {
        String parameter = "/" + MotoServer.unique("istio") + "/values";
        MotoServer.aws().ssm().putParameter(r -> r.name(parameter).type(ParameterType.STRING).value("""
                istiod:
                  env:
                    PILOT_ENABLE_STATUS: "true"
                istio-eastwestgateway:
                  service:
                    annotations:
                      service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
                """));
        InstallIstioHandler handler = new InstallIstioHandler(MotoServer.wiring(Map.of(
                "ISTIO_CHART_REPOSITORY", StandInCharts.url(charts), "ISTIO_VALUES_PARAMETER", parameter)),
                (region, name) -> server.client());

        Lambdas.invoke(handler, input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a")));

        assertThat(env(deployment("istiod"))).containsEntry("PILOT_ENABLE_STATUS", "true")
                .containsEntry("AUTO_RELOAD_PLUGIN_CERTS", "true");
        assertThat(service("istio-eastwestgateway").getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ip-address-type", "ipv4");
    }

    /**
     * Issue 25: InstallIstio installs this cluster only, whatever the mesh; a member's record (a reconcile's rollout)
     * gets the address type its gateway now has, and the next run writes it no more.
     */
    @Test
    void handle_whenAMembersGatewayBecomesDualstack_recordsItInItsMembershipRecordOnce() {
        String mesh = MotoServer.unique("mesh");
        Cluster eks1 = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");
        Cluster member = new Cluster(eks1.clusterName(), eks1.region(), mesh, eks1.network(), eks1.clusterArn(),
                eks1.status(), eks1.endpoint(), eks1.ipFamily(), eks1.vpcId(), eks1.kubernetesVersion(),
                eks1.authenticationMode(), eks1.autoMode());
        DynamoMeshMembers members = new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.ensure());
        InstallIstioHandler handler = handler(Map.of());
        Lambdas.invoke(handler, Map.of("cluster", member, "network", network(GatewayAddressType.IPV4)));
        members.register(Member.of(member, GatewayAddressType.IPV4));
        Map<String, Object> mixed = Map.of("cluster", member, "network", network(GatewayAddressType.DUALSTACK,
                peerNetwork("eks-2", IpFamily.IPV6)));

        JsonNode istio = Lambdas.invoke(handler, mixed);

        assertThat(istio.path("gatewayAddressType").asText()).isEqualTo("dualstack");
        assertThat(addressType(client)).isEqualTo("dualstack");
        assertThat(members.list(mesh)).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.DUALSTACK);
        Lambdas.invoke(handler, mixed);
        assertThat(members.list(mesh)).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.DUALSTACK);
    }

    private static NetworkFacts network(GatewayAddressType type, MemberNetwork... peers) {
        return new NetworkFacts(type, LoadBalancerScheme.INTERNAL, List.of(peers));
    }

    private static MemberNetwork peerNetwork(String name, IpFamily family) {
        return new MemberNetwork(name, "us-east-1", family, true, "net-a", "vpc-1", List.of(), List.of(), List.of());
    }

    private static String addressType(KubernetesClient c) {
        return service(c, "istio-eastwestgateway").getMetadata().getAnnotations()
                .get("service.beta.kubernetes.io/aws-load-balancer-ip-address-type");
    }

    private static Service service(KubernetesClient c, String name) {
        return c.services().inNamespace(NS).withName(name).get();
    }

    @Test
    void handle_whenVersionNotInRepository_failsWithChartNotFound() {
        InstallIstioHandler handler = handler(Map.of("ISTIO_VERSION", "1.99.0"));

        assertThatThrownBy(() -> Lambdas.invoke(handler, input(IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a"))))
                .isInstanceOf(ChartNotFound.class)
                .hasMessageContaining("base-1.99.0.tgz");
    }

    private static List<String> releases(JsonNode istio) {
        return StreamSupport.stream(istio.path("releases").spliterator(), false)
                .map(r -> r.path("release").asText() + " " + r.path("chart").asText() + " " + r.path("version").asText()
                        + " " + r.path("outcome").asText())
                .toList();
    }

    private List<String> helmReleaseSecrets() {
        return client.secrets().inNamespace(NS).withLabel("owner", "helm").list().getItems().stream()
                .map(Secret::getMetadata).map(m -> m.getName()).toList();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private Service service(String name) {
        return client.services().inNamespace(NS).withName(name).get();
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(NS).withName(name).get();
    }

    private static Map<String, String> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
