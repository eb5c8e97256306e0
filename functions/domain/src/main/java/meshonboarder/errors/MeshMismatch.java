package meshonboarder.errors;

/** The cluster is tagged for another mesh (or network) than the input asks for. Permanent. */
public final class MeshMismatch extends MeshOnboarderError {

    public MeshMismatch(String message) {
        super(message);
    }

    public MeshMismatch(String message, Throwable cause) {
        super(message, cause);
    }
}
