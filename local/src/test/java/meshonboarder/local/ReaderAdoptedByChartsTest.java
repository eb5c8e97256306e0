package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import meshonboarder.helm.HelmJavaAccess;
import meshonboarder.helm.LocalCharts;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.Istio;
import meshonboarder.istio.ReleaseRequest;
import meshonboarder.kubernetes.remote.ReaderIdentity;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.testing.StandInCharts;
import meshonboarder.testing.kube.HelmReadyMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader identity made before Istio (a pair repair on a member whose install a reconcile deferred: it installs at
 * most 20 members a run) must not block the charts that own those objects. Real Helm (helm-java) on the stand-in
 * charts refuses an existing object without its ownership marks ("exists and cannot be imported into the current
 * release", helm/helm#7649, pkg/action/validate.go), as ./bench found at 100 members; with them it adopts it.
 */
class ReaderAdoptedByChartsTest {

    private HelmReadyMockServer server;
    private KubernetesClient client;
    private HelmReleases helm;

    @BeforeEach
    void start() {
        server = HelmReadyMockServer.start();
        client = server.client();
        helm = new HelmJavaAccess(new LocalCharts(StandInCharts.shared("1.30.4", "1.31.0")))
                .connect(server.url(), () -> server.kubeconfig("token"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void install_whenTheReaderWasMadeBeforeIstio_adoptsItsObjects() {
        new ReaderIdentity().ensure(client, "mesh1/eks-deferred");

        helm.install(new ReleaseRequest(Istio.BASE_RELEASE, Istio.NAMESPACE, new ChartRef("base", "1.30.4"), Map.of()));
        helm.install(new ReleaseRequest(Istio.ISTIOD_RELEASE, Istio.NAMESPACE, new ChartRef("istiod", "1.30.4"),
                Map.of("global", Map.of("meshID", "mesh1"))));

        assertThat(helm.find(Istio.NAMESPACE, Istio.BASE_RELEASE).orElseThrow().status()).isEqualTo("deployed");
        assertThat(helm.find(Istio.NAMESPACE, Istio.ISTIOD_RELEASE).orElseThrow().status()).isEqualTo("deployed");
        ServiceAccount account = client.serviceAccounts().inNamespace(Istio.NAMESPACE)
                .withName(ReaderObjects.SERVICE_ACCOUNT).get();
        assertThat(account.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", "istio-base");
        assertThat(client.rbac().clusterRoles().withName(ReaderObjects.CLUSTER_ROLE).get().getMetadata()
                .getAnnotations()).containsEntry("meta.helm.sh/release-name", "istiod");
    }
}
