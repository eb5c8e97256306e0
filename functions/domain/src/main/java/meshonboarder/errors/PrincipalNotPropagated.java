package meshonboarder.errors;

/**
 * EKS calls the cluster access role an invalid principal: IAM has not yet made a new role known to EKS (it does
 * within about two minutes of the role's creation), or the role does not exist. The state machine retries it for
 * longer than that; what is left after is the role's absence, which the message says how to check.
 */
public final class PrincipalNotPropagated extends MeshOnboarderError {

    public PrincipalNotPropagated(String message, Throwable cause) {
        super(message, cause);
    }

    public static PrincipalNotPropagated of(String principalArn, String clusterName, Throwable cause) {
        String role = principalArn.substring(principalArn.lastIndexOf('/') + 1);
        return new PrincipalNotPropagated("EKS refused the access entry of " + principalArn + " on cluster '"
                + clusterName + "' as an invalid principal. A role is refused so for up to about two minutes after it "
                + "is created, until IAM propagates it, and GrantAccess retries that long. If this error ends the "
                + "execution, the role is missing: check it with aws iam get-role --role-name " + role
                + " (the stack creates it as ClusterAccessRole; deploy the stack again if it is gone), then start "
                + "onboarding again.", cause);
    }
}
