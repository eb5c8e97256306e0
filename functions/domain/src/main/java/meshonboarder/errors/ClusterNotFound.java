package meshonboarder.errors;

/** No EKS cluster of that name exists in that region. Permanent. */
public final class ClusterNotFound extends MeshOnboarderError {

    public ClusterNotFound(String message) {
        super(message);
    }

    public ClusterNotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
