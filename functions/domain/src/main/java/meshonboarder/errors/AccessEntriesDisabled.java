package meshonboarder.errors;

/** The cluster's authentication mode does not allow EKS access entries. Permanent until the user switches it. */
public final class AccessEntriesDisabled extends MeshOnboarderError {

    public AccessEntriesDisabled(String message) {
        super(message);
    }

    public AccessEntriesDisabled(String message, Throwable cause) {
        super(message, cause);
    }
}
