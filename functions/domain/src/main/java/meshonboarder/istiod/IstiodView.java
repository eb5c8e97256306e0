package meshonboarder.istiod;

import java.util.Map;
import java.util.TreeMap;

/**
 * One member's istiod view of the remote clusters it manages, from its {@code :15014/metrics}.
 *
 * @param holder  the member whose istiod this is
 * @param known   false when its istiod has no {@code istiod_remote_cluster_sync_status} gauge (before Istio 1.29)
 *                or could not be read: its view is unknown, which is reported, never counted as broken
 * @param remotes each remote cluster istiod manages (a cluster id: the member's cluster name), with its status
 * @param reason  why the view is unknown, or null
 */
public record IstiodView(String holder, boolean known, Map<String, SyncStatus> remotes, String reason) {

    public static final String SYNC_STATUS = "istiod_remote_cluster_sync_status";
    public static final String MANAGED_CLUSTERS = "istiod_managed_clusters";

    public static IstiodView unknown(String holder, String reason) {
        return new IstiodView(holder, false, Map.of(), reason);
    }

    /** The status istiod has for {@code subject}, or null when it does not manage it. */
    public SyncStatus status(String subject) {
        return remotes.get(subject);
    }

    /**
     * Reads the gauge: per cluster, the status whose sample is 1. Istio records 0 for every status of a cluster it
     * removed (clearClusterSyncState in pkg/kube/multicluster/secretcontroller.go, 1.30.3), so a cluster without a
     * 1 is not managed. Without the gauge, {@code istiod_managed_clusters{cluster_type="remote"}} (there since
     * before 1.28) tells an istiod that manages no remote cluster, which is a known and empty view, from an older
     * istiod that manages some but cannot say which, which is unknown.
     *
     * @throws IllegalArgumentException when the text is not in the Prometheus text format
     */
    public static IstiodView fromMetrics(String holder, String metricsText) {
        PrometheusText.Exposition metrics = PrometheusText.parse(metricsText);
        Map<String, SyncStatus> remotes = new TreeMap<>();
        var gauge = metrics.samples(SYNC_STATUS);
        for (PrometheusText.Sample sample : gauge) {
            SyncStatus status = SyncStatus.ofLabel(sample.labels().get("status"));
            String cluster = sample.labels().get("cluster");
            if (sample.value() == 1.0 && status != null && cluster != null) {
                remotes.put(cluster, status);
            }
        }
        if (gauge.isEmpty() && !metrics.types().containsKey(SYNC_STATUS)) {
            double remote = metrics.samples(MANAGED_CLUSTERS).stream()
                    .filter(s -> "remote".equals(s.labels().get("cluster_type")))
                    .mapToDouble(PrometheusText.Sample::value).sum();
            if (remote > 0) {
                return unknown(holder, "its istiod has no " + SYNC_STATUS + " gauge (Istio before 1.29)");
            }
        }
        return new IstiodView(holder, true, Map.copyOf(remotes), null);
    }
}
