package meshonboarder.errors;

/**
 * A ReconcileMesh run no longer holds its mesh's lease (it outlived the lease's term and another run took the mesh):
 * it upgrades no further member, so two rollouts never run in one mesh.
 */
public final class LeaseLost extends MeshOnboarderError {

    public LeaseLost(String message) {
        super(message);
    }
}
