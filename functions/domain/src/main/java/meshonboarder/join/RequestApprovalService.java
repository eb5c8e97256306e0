package meshonboarder.join;

import java.util.List;
import meshonboarder.announce.Announcement;
import meshonboarder.announce.AnnouncementOutcome;
import meshonboarder.announce.Announcements;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.ApprovalTimedOut;
import meshonboarder.errors.ClusterNotApproved;
import meshonboarder.errors.InvalidInput;

/**
 * {@code RequestApproval}: a new member of a mesh whose join policy asks for approval waits, before anything is written
 * to it, for a person's answer. The state machine hands this step a task token; the request goes where announcements
 * go (the default bus, and from there the notification target), with the two commands that answer it. The token goes
 * only there: never into a log line, the step's result or an exception message.
 */
public final class RequestApprovalService {

    public static final String DETAIL_TYPE = "Cluster Approval Requested";
    /** The error a denial names (the deny command's {@code --error}), which the state machine catches. */
    public static final String DENIED = ClusterNotApproved.class.getName();

    private final Announcements announcements;
    private final String hubRegion;

    /** @param hubRegion the stack's region, where the state machine and so the task token live */
    public RequestApprovalService(Announcements announcements, String hubRegion) {
        this.announcements = announcements;
        this.hubRegion = hubRegion;
    }

    /** What was asked, without the token (the step's result, which the callback task discards anyway). */
    public record Requested(String detailType, String clusterName, String region, String meshId) {
    }

    /**
     * @param holdSeconds how long the state machine waits for the answer ({@code ApprovalTimeoutSeconds}); null when
     *                    not given
     */
    public Requested request(Cluster cluster, String executionArn, String taskToken, Integer holdSeconds) {
        if (taskToken == null || taskToken.isBlank()) {
            throw new InvalidInput("RequestApproval needs the task token ($$.Task.Token) in its Payload, and is called"
                    + " with .waitForTaskToken.");
        }
        String account = cluster.account() != null ? cluster.account() : "of the hub";
        String token = " --region " + hubRegion + " --task-token '" + taskToken + "'";
        String message = "Cluster '" + cluster.clusterName() + "' (account " + account + ", " + cluster.region()
                + ") asks to join mesh '" + cluster.meshId() + "', whose join policy holds new members until a person"
                + " approves them; nothing has been written to it. To approve: "
                + "aws stepfunctions send-task-success" + token + " --task-output '{}' . To deny: "
                + "aws stepfunctions send-task-failure" + token + " --error " + DENIED + " . Unanswered"
                + (holdSeconds == null ? "" : " for " + holdSeconds + " seconds") + ", the onboarding ends with "
                + ApprovalTimedOut.class.getName() + ".";
        announcements.publish(new Announcement(DETAIL_TYPE, AnnouncementOutcome.APPROVAL_REQUESTED, message,
                cluster.clusterName(), cluster.region(), cluster.meshId(), List.of(), List.of(), List.of(), null),
                executionArn);
        return new Requested(DETAIL_TYPE, cluster.clusterName(), cluster.region(), cluster.meshId());
    }
}
