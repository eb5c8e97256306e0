package meshonboarder.announce;

import java.util.List;

/**
 * What {@code Announce} put on the bus and how the execution ends ({@code $.announcement}).
 *
 * @param detailType {@code Cluster Onboarded}, {@code Cluster Onboarding Failed}, {@code Cluster Offboarded}
 *                   or {@code Cluster Offboarding Failed}
 * @param outcome    how the execution ends
 * @param message    one sentence for the console (the Fail state's cause) and the notification: one line, without
 *                   double quotes or backslashes (see {@link #oneLine})
 */
public record Announcement(String detailType, AnnouncementOutcome outcome, String message, String clusterName, String region,
                           String meshId, List<String> peersReached, List<String> peersFailed,
                           List<String> peersSkipped, String error) {

    public Announcement {
        message = oneLine(message);
    }

    /**
     * The text as one line that EventBridge can put into a string template as it is: AnnouncementsRule's input
     * transformer inserts {@code detail.message} without escaping it, so a double quote or backslash would break the
     * delivered JSON string and a line break would split the notification.
     */
    public static String oneLine(String text) {
        return text == null ? null : text.replace('"', '\'').replace('\\', '/')
                .replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
