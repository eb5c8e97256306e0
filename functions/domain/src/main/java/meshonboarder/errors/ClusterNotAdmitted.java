package meshonboarder.errors;

/**
 * The cluster is outside its mesh's join policy (an account, organizational unit, region or IP family the policy
 * does not admit, a required tag missing, or the mesh full). Resolve raises it before anything is written; the
 * message names the rule and the fix. Permanent.
 */
public final class ClusterNotAdmitted extends MeshOnboarderError {

    public ClusterNotAdmitted(String message) {
        super(message);
    }

    public ClusterNotAdmitted(String message, Throwable cause) {
        super(message, cause);
    }
}
