package meshonboarder.errors;

/** A waiting loop (cluster, CNI rollout, Istio readiness, reader token) ran past its time limit. */
public final class WaitTimedOut extends MeshOnboarderError {

    public WaitTimedOut(String message) {
        super(message);
    }

    public WaitTimedOut(String message, Throwable cause) {
        super(message, cause);
    }
}
