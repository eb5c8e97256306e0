package meshonboarder.cluster;

/**
 * Whether the onboarding waits for a person's approval (RequestApproval) before anything is written to the cluster:
 * its mesh's join policy says {@code approval: true} and the cluster is not a member yet (docs/join-policy.md).
 */
public enum Approval {
    NOT_REQUIRED,
    REQUIRED
}
