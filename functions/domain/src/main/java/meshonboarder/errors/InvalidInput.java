package meshonboarder.errors;

/** The execution input or event is malformed or incomplete. Permanent: fix the input. */
public final class InvalidInput extends MeshOnboarderError {

    public InvalidInput(String message) {
        super(message);
    }

    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }
}
