package meshonboarder.errors;

/** A failure expected to pass (throttling, an API server or AWS endpoint briefly unavailable): the state machine retries it with backoff. */
public final class Transient extends MeshOnboarderError {

    public Transient(String message) {
        super(message);
    }

    public Transient(String message, Throwable cause) {
        super(message, cause);
    }
}
