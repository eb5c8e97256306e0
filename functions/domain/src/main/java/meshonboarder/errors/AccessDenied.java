package meshonboarder.errors;

/** AWS or Kubernetes refused an action for lack of permission. Permanent: fix the IAM policy or access entry. */
public final class AccessDenied extends MeshOnboarderError {

    public AccessDenied(String message) {
        super(message);
    }

    public AccessDenied(String message, Throwable cause) {
        super(message, cause);
    }
}
