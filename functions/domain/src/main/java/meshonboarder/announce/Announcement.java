package meshonboarder.announce;

import java.util.List;

/**
 * What {@code Announce} put on the bus and how the execution ends ({@code $.announcement}).
 *
 * @param detailType {@code Cluster Onboarded}, {@code Cluster Onboarding Failed}, {@code Cluster Offboarded}
 *                   or {@code Cluster Offboarding Failed}
 * @param outcome    how the execution ends
 * @param message    one sentence for the console (the Fail state's cause)
 */
public record Announcement(String detailType, AnnouncementOutcome outcome, String message, String clusterName, String region,
                           String meshId, List<String> peersReached, List<String> peersFailed,
                           List<String> peersSkipped, String error) {
}
