package meshonboarder.istiod;

import java.util.Locale;

/**
 * What istiod says of one remote cluster in {@code istiod_remote_cluster_sync_status}: the {@code status} label
 * whose sample is 1 (Istio's {@code SyncStatus*} constants, pkg/kube/multicluster/cluster.go at tag 1.30.3).
 */
public enum SyncStatus {
    /** Its informers synced: istiod serves its endpoints. */
    SYNCED,
    /** Still syncing (just added, or re-added after a secret update). */
    SYNCING,
    /** It did not sync within istiod's remote cluster timeout: a wrong endpoint, CA or token looks like this. */
    TIMEOUT,
    /** Its client was stopped (the secret was removed, or replaced and not yet re-read). */
    CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a label value, or null for one this release does not know. */
    public static SyncStatus ofLabel(String label) {
        for (SyncStatus s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
