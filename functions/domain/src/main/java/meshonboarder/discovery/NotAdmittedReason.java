package meshonboarder.discovery;

/** Why discovery did not start a tagged cluster's onboarding in this run. */
public enum NotAdmittedReason {
    /** Its last onboarding failed less than {@code DiscoveryRetryHours} ago, and its tags have not changed since. */
    FAILED_RETRY_LATER
}
