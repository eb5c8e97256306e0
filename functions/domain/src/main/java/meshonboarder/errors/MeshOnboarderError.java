package meshonboarder.errors;

/**
 * A failure that the state machine can name. Lambda reports a thrown exception with its class name as
 * {@code errorType}, so the fully qualified name of each subclass is the error name that Retry and Catch
 * match in the ASL (for example {@code meshonboarder.errors.ClusterNotFound}).
 *
 * <p>Messages are read by people in the Step Functions console: one sentence that says what is wrong and
 * what to do. They never carry secret material (keys, tokens, kubeconfigs).
 */
public abstract class MeshOnboarderError extends RuntimeException {

    protected MeshOnboarderError(String message) {
        super(message);
    }

    protected MeshOnboarderError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error name the state machine sees. */
    public String errorName() {
        return getClass().getName();
    }
}
