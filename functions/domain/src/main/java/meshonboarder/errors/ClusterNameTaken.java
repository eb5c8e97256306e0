package meshonboarder.errors;

/**
 * Another member of the mesh, in another region, has the same cluster name. Istio identifies clusters by name
 * (its {@code clusterName}, the remote secret's data key), so a mesh cannot hold both. Permanent.
 */
public final class ClusterNameTaken extends MeshOnboarderError {

    public ClusterNameTaken(String message) {
        super(message);
    }

    public ClusterNameTaken(String message, Throwable cause) {
        super(message, cause);
    }
}
