package meshonboarder.errors;

/**
 * A person denied the cluster's join (send-task-failure on RequestApproval's task token, with this error name, as the
 * approval request's command says). Nothing was written to the cluster. Permanent for this execution: onboarding it
 * again asks again.
 */
public final class ClusterNotApproved extends MeshOnboarderError {

    public ClusterNotApproved(String message) {
        super(message);
    }
}
