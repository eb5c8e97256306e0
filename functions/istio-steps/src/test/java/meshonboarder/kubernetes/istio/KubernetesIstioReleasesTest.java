package meshonboarder.kubernetes.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.IstioInstallFailed;
import meshonboarder.steps.istio.InstallIstioHandler;
import meshonboarder.helm.ChartSources;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.istio.ChartRepository;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.Istio;
import meshonboarder.istio.RegistryCredentials;
import meshonboarder.testing.IstioFixtures;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Helm's release Secrets, as real Helm (helm-java) writes them, read back without Helm. */
class KubernetesIstioReleasesTest {

    private HelmReadyMockServer server;
    private KubernetesClient client;
    private Path charts;
    private final Cluster cluster = IstioFixtures.cluster("eks-1", IpFamily.IPV4, "net-a");

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

    private void install(String version) {
        var env = Map.of("ISTIO_CHART_REPOSITORY", StandInCharts.url(charts), "ISTIO_VERSION", version);
        Lambdas.invoke(new InstallIstioHandler(MotoServer.wiring(env), (region, name) -> server.client()),
                Map.of("cluster", cluster));
    }

    /** What helm-java itself reads (helm list, helm get values). */
    private DeployedRelease helmSays(String release) {
        HelmReleases helm = new HelmJavaAccess(ChartSources.of(ChartRepository.of("ISTIO_CHART_REPOSITORY",
                StandInCharts.url(charts)), RegistryCredentials.ANONYMOUS))
                .connect(server.url(), () -> server.kubeconfig("token"));
        return helm.find(Istio.NAMESPACE, release).orElseThrow();
    }

    @Test
    void read_whenInstalledByHelm_readsWhatHelmReads() {
        install("1.30.4");

        Map<String, DeployedRelease> releases = KubernetesIstioReleases.read(client, "mesh1/eks-1");

        assertThat(releases).containsOnlyKeys(Istio.BASE_RELEASE, Istio.ISTIOD_RELEASE, Istio.EASTWEST_RELEASE);
        for (String release : releases.keySet()) {
            assertThat(releases.get(release)).isEqualTo(helmSays(release));
        }
        assertThat(releases.get(Istio.ISTIOD_RELEASE).chart().version()).isEqualTo("1.30.4");
        assertThat(releases.get(Istio.EASTWEST_RELEASE).values()).containsKey("service");
    }

    @Test
    void read_whenUpgraded_readsTheLatestRevision() {
        install("1.30.4");
        install("1.31.0");

        DeployedRelease istiod = KubernetesIstioReleases.read(client, "mesh1/eks-1").get(Istio.ISTIOD_RELEASE);

        assertThat(istiod.revision()).isEqualTo(2);
        assertThat(istiod.chart().version()).isEqualTo("1.31.0");
        assertThat(istiod.deployed()).isTrue();
        assertThat(istiod).isEqualTo(helmSays(Istio.ISTIOD_RELEASE));
    }

    @Test
    void read_whenAHelmSecretHoldsNoRelease_failsWithTheFix() {
        client.secrets().inNamespace(Istio.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.istiod.v1").addToLabels("owner", "helm").addToLabels("name", "istiod")
                .addToLabels("version", "1").endMetadata().addToData("other", "eA==").build()).create();

        assertThatThrownBy(() -> KubernetesIstioReleases.read(client, "mesh1/eks-1"))
                .isInstanceOf(IstioInstallFailed.class).hasMessageContaining("holds no release");
    }
}
