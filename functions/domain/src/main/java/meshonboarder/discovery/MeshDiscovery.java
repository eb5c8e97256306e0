package meshonboarder.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What discovery found for one mesh: the tagged clusters it starts ({@code discovered}), those whose onboarding is
 * running ({@code onboarding}), and those it leaves out with the reason ({@code notAdmitted}).
 *
 * @param outsideForADay tagged clusters out of the mesh for more than a day (the alarm's metric)
 */
public record MeshDiscovery(String meshId, List<ClusterRef> discovered, List<ClusterRef> onboarding,
                            List<NotAdmitted> notAdmitted, int outsideForADay) {

    public MeshDiscovery {
        discovered = List.copyOf(discovered);
        onboarding = List.copyOf(onboarding);
        notAdmitted = List.copyOf(notAdmitted);
    }

    public static MeshDiscovery none(String meshId) {
        return new MeshDiscovery(meshId, List.of(), List.of(), List.of(), 0);
    }

    /** Collects one mesh's clusters as discovery meets them. */
    static final class Builder {
        private final String meshId;
        private final List<ClusterRef> discovered = new ArrayList<>();
        private final List<ClusterRef> onboarding = new ArrayList<>();
        private final List<NotAdmitted> notAdmitted = new ArrayList<>();
        private int outsideForADay;

        Builder(String meshId) {
            this.meshId = meshId;
        }

        void add(ClusterRef cluster, OnboardingRecord record, String tagsDigest, Instant now, Duration retryPeriod) {
            if (record != null && record.firstAttemptAt() != null
                    && record.firstAttemptAt().plus(DiscoverClustersService.ALARM_AFTER).isBefore(now)) {
                outsideForADay++;
            }
            if (record != null && record.running(now)) {
                onboarding.add(cluster);
            } else if (record != null && record.waitingToRetry(now, retryPeriod, tagsDigest)) {
                notAdmitted.add(new NotAdmitted(cluster.clusterName(), cluster.region(),
                        NotAdmittedReason.FAILED_RETRY_LATER, record.lastError(),
                        record.lastAttemptAt().plus(retryPeriod), record.firstAttemptAt()));
            } else {
                discovered.add(cluster);
            }
        }

        MeshDiscovery build() {
            return new MeshDiscovery(meshId, discovered, onboarding, notAdmitted, outsideForADay);
        }
    }
}
