package meshonboarder.errors;

/**
 * RepairRemoteSecrets found no findings of its own execution for its subject: another run of the mesh checked it
 * since (its findings replaced this run's), so this run repairs nothing from an older check.
 */
public final class CheckSuperseded extends MeshOnboarderError {

    public CheckSuperseded(String message) {
        super(message);
    }
}
