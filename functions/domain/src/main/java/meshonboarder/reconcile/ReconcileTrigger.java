package meshonboarder.reconcile;

import com.fasterxml.jackson.annotation.JsonValue;

/** What started a ReconcileMesh execution ({@code $.plan.trigger}, and the {@code Mesh Reconciled} event's). */
public enum ReconcileTrigger {
    /** {@code {"meshId": ...}}, by hand. */
    MANUAL("manual"),
    /** {@code {"trigger": "schedule"}}, from ReconcileSchedule: every mesh. */
    SCHEDULE("schedule"),
    /** {@code {"trigger": "deploy"}}, from StackDeployedRule when this stack was created or updated: every mesh. */
    DEPLOY("deploy"),
    /** A CloudTrail UntagResource event that removed the mesh tag. */
    UNTAG("untag"),
    /** An onboarding or offboarding's PEERS_UNREACHED announcement. */
    PEERS_UNREACHED("peers-unreached"),
    /** An onboarding's NOT_SYNCED announcement: istiod did not sync some pairs within the onboarding's wait. */
    NOT_SYNCED("not-synced");

    private final String value;

    ReconcileTrigger(String value) {
        this.value = value;
    }

    /** Whether the run looks for new clusters: the follow-ups of an untag or an announcement repair one mesh only. */
    public boolean discovers() {
        return this == MANUAL || this == SCHEDULE || this == DEPLOY;
    }

    /** The value in the state and in the event. */
    @JsonValue
    public String value() {
        return value;
    }
}
