package meshonboarder.helm;

import java.util.function.Supplier;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.HelmReleases;

/** {@link HelmAccess} with helm-java: Helm as a native library in this process, charts from a {@link ChartSource}. */
public final class HelmJavaAccess implements HelmAccess {

    /**
     * Helm for SnapStart priming: none. helm-java's native library starts a Go runtime (its threads, timers and random
     * seed) that every environment restored from the snapshot would share, so priming stops before Helm
     * (docs/operations.md, SnapStart priming).
     */
    public static final HelmAccess NOT_WHILE_PRIMING = (cluster, kubeconfig) -> {
        throw new IllegalStateException("Helm is not run while priming a SnapStart snapshot");
    };

    private final ChartSource charts;

    public HelmJavaAccess(ChartSource charts) {
        this.charts = charts;
    }

    /** Helm with helm-java, or none while priming. */
    public static HelmAccess of(boolean priming, ChartSource charts) {
        return priming ? NOT_WHILE_PRIMING : new HelmJavaAccess(charts);
    }

    @Override
    public HelmReleases connect(String cluster, Supplier<String> kubeconfig) {
        return new HelmJavaReleases(kubeconfig, charts, cluster);
    }
}
