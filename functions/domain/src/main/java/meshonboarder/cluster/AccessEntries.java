package meshonboarder.cluster;

import meshonboarder.errors.AccessEntriesDisabled;

/** Facts about EKS access entries that more than one step states the same way. */
public final class AccessEntries {

    private AccessEntries() {
    }

    /**
     * The error for a cluster in the {@code CONFIG_MAP} authentication mode. Switching modes is one-way, so
     * mesh-onboarder never does it by itself: it says how.
     */
    public static AccessEntriesDisabled disabled(String clusterName, String region) {
        return new AccessEntriesDisabled("Cluster '" + clusterName + "' uses the CONFIG_MAP authentication mode, "
                + "where EKS access entries do not work. Allow them (a one-way change) with: aws eks "
                + "update-cluster-config --region " + region + " --name " + clusterName
                + " --access-config authenticationMode=API_AND_CONFIG_MAP, then start onboarding again.");
    }
}
