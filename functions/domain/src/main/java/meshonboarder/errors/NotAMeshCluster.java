package meshonboarder.errors;

/** The cluster does not carry the mesh tag, so it is not to be onboarded. Permanent. */
public final class NotAMeshCluster extends MeshOnboarderError {

    public NotAMeshCluster(String message) {
        super(message);
    }

    public NotAMeshCluster(String message, Throwable cause) {
        super(message, cause);
    }
}
