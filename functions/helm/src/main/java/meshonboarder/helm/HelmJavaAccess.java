package meshonboarder.helm;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.istio.HelmReleases;
import meshonboarder.kubernetes.Kubeconfig;

/** {@link HelmAccess} with helm-java: Helm gets a kubeconfig for the same endpoint, CA and token as the client. */
public final class HelmJavaAccess implements HelmAccess {

    private final ChartSource charts;

    public HelmJavaAccess(ChartSource charts) {
        this.charts = charts;
    }

    @Override
    public HelmReleases connect(KubernetesClient cluster) {
        // a kubeconfig per Helm call, each with a token from the client's provider (refreshed before it expires)
        return new HelmJavaReleases(() -> Kubeconfig.of(cluster.getConfiguration()), charts,
                cluster.getConfiguration().getMasterUrl());
    }
}
