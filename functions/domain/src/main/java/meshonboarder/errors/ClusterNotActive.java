package meshonboarder.errors;

/** The cluster is FAILED or being deleted: it can never become a mesh member. Permanent. */
public final class ClusterNotActive extends MeshOnboarderError {

    public ClusterNotActive(String message) {
        super(message);
    }

    public ClusterNotActive(String message, Throwable cause) {
        super(message, cause);
    }
}
