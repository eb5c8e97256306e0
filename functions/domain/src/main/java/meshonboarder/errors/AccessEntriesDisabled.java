package meshonboarder.errors;

/** The cluster's authentication mode does not allow EKS access entries. Permanent until the user switches it. */
public final class AccessEntriesDisabled extends MeshOnboarderError {

    public AccessEntriesDisabled(String message) {
        super(message);
    }

    public AccessEntriesDisabled(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The error for a cluster in the {@code CONFIG_MAP} authentication mode, as Resolve and GrantAccess both say it.
     * Switching modes is one-way, so mesh-onboarder never does it by itself: it says how.
     */
    public static AccessEntriesDisabled of(String clusterName, String region) {
        return new AccessEntriesDisabled("Cluster '" + clusterName + "' uses the CONFIG_MAP authentication mode, "
                + "where EKS access entries do not work. Allow them (a one-way change) with: aws eks "
                + "update-cluster-config --region " + region + " --name " + clusterName
                + " --access-config authenticationMode=API_AND_CONFIG_MAP, then start onboarding again.");
    }
}
