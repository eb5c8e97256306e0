package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.ReleaseRequest;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HelmJavaReleasesTest {

    private HelmReadyMockServer server;
    private KubernetesClient client;
    private HelmReleases helm;

    @BeforeEach
    void start() {
        Path charts = StandInCharts.shared("1.30.4", "1.31.0");
        server = HelmReadyMockServer.start();
        client = server.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata()
                .build()).create();
        helm = new HelmJavaAccess(new LocalCharts(charts)).connect(server.url(), () -> server.kubeconfig("token"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void install_whenNew_recordsTheRelease() {
        helm.install(new ReleaseRequest("istiod", "istio-system", new ChartRef("istiod", "1.30.4"),
                Map.of("global", Map.of("meshID", "mesh1"))));

        DeployedRelease release = helm.find("istio-system", "istiod").orElseThrow();
        assertThat(release.chart()).isEqualTo(new ChartRef("istiod", "1.30.4"));
        assertThat(release.status()).isEqualTo("deployed");
        assertThat(release.values()).isEqualTo(Map.of("global", Map.of("meshID", "mesh1")));
        assertThat(client.apps().deployments().inNamespace("istio-system").withName("istiod").get()).isNotNull();
    }

    /** An EKS token lives 15 minutes: every Helm call asks for a fresh kubeconfig, none reuses one. */
    @Test
    void everyCall_whenConnected_asksForAFreshKubeconfig() {
        AtomicInteger asked = new AtomicInteger();
        HelmReleases releases = new HelmJavaAccess(new LocalCharts(StandInCharts.shared("1.30.4", "1.31.0")))
                .connect(server.url(), () -> server.kubeconfig("token-" + asked.incrementAndGet()));

        releases.find("istio-system", "istio-base");
        releases.install(new ReleaseRequest("istio-base", "istio-system", new ChartRef("base", "1.30.4"), Map.of()));
        releases.find("istio-system", "istio-base");

        assertThat(asked.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void upgrade_whenNewVersion_recordsRevisionTwo() {
        ReleaseRequest first = new ReleaseRequest("istio-base", "istio-system", new ChartRef("base", "1.30.4"), Map.of());
        helm.install(first);
        helm.upgrade(new ReleaseRequest("istio-base", "istio-system", new ChartRef("base", "1.31.0"), Map.of()));

        DeployedRelease release = helm.find("istio-system", "istio-base").orElseThrow();
        assertThat(release.chart().version()).isEqualTo("1.31.0");
        assertThat(release.revision()).isEqualTo(2);
    }
}
