package meshonboarder.istiod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gauge read as Istio 1.30.3 records it (pkg/kube/multicluster/secretcontroller.go, recordClusterSyncState). */
class IstiodViewTest {

    private static String gauge(String cluster, String current) {
        StringBuilder out = new StringBuilder();
        for (String s : new String[] {"synced", "syncing", "timeout", "closed"}) {
            out.append("istiod_remote_cluster_sync_status{cluster=\"").append(cluster)
                    .append("\",cluster_type=\"remote\",status=\"").append(s).append("\"} ")
                    .append(s.equals(current) ? 1 : 0).append('\n');
        }
        return out.toString();
    }

    @Test
    void fromMetrics_whenGauge_readsTheStatusWhoseSampleIsOne() {
        IstiodView view = IstiodView.fromMetrics("a", "# TYPE istiod_remote_cluster_sync_status gauge\n"
                + gauge("b", "synced") + gauge("c", "timeout") + gauge("gone", "none"));

        assertThat(view.known()).isTrue();
        assertThat(view.remotes()).isEqualTo(Map.of("b", SyncStatus.SYNCED, "c", SyncStatus.TIMEOUT));
        assertThat(view.status("gone")).isNull();
    }

    @Test
    void fromMetrics_whenNoGaugeButRemoteClusters_isUnknown() {
        IstiodView view = IstiodView.fromMetrics("a", "istiod_managed_clusters{cluster_type=\"remote\"} 2\n"
                + "istiod_managed_clusters{cluster_type=\"local\"} 1\n");

        assertThat(view.known()).isFalse();
        assertThat(view.reason()).contains("before 1.29");
    }

    @Test
    void fromMetrics_whenNoRemoteClusterAtAll_isAKnownEmptyView() {
        IstiodView view = IstiodView.fromMetrics("a", "istiod_managed_clusters{cluster_type=\"local\"} 1\n");

        assertThat(view.known()).isTrue();
        assertThat(view.remotes()).isEmpty();
    }
}
