package meshonboarder.settings;

import java.util.Optional;
import java.util.regex.Pattern;
import meshonboarder.errors.InvalidInput;

/**
 * The one IAM role that mesh-onboarder acts as inside every cluster ({@code CLUSTER_ACCESS_ROLE_ARN}).
 * GrantAccess gives it an EKS access entry; every function that talks to a Kubernetes API assumes it, so
 * all of them are the same Kubernetes user whatever their own execution role.
 */
public record ClusterAccessRole(String arn) {

    public static final String VARIABLE = "CLUSTER_ACCESS_ROLE_ARN";

    /**
     * @param arn       the role's ARN; access entries take IAM role ARNs (a path is allowed), never the sts
     *                  assumed-role form
     * @param partition where the function runs ({@link Partition}): a role of another partition cannot be assumed
     */
    public static ClusterAccessRole of(String arn, String partition) {
        Pattern roleArn = Pattern.compile("arn:" + Pattern.quote(partition) + ":iam::\\d{12}:role/[\\w+=,.@/-]+");
        if (arn == null || !roleArn.matcher(arn).matches()) {
            throw new InvalidInput("The environment variable " + VARIABLE + " must be an IAM role ARN of partition "
                    + partition + " such as arn:" + partition + ":iam::123456789012:role/mesh-onboarder-cluster-access, "
                    + "not '" + arn + "'.");
        }
        return new ClusterAccessRole(arn);
    }

    /** For GrantAccess, which has nothing to grant without it. */
    public static ClusterAccessRole required(Env env) {
        return optional(env).orElseThrow(() -> new InvalidInput("The environment variable " + VARIABLE
                + " is not set: GrantAccess needs the ARN of the IAM role that gets the clusters' access entry "
                + "(filled in by template.yaml)."));
    }

    /** For the Kubernetes-touching functions: without it they use their own credentials (the local runner). */
    public static Optional<ClusterAccessRole> optional(Env env) {
        return env.optional(VARIABLE).map(arn -> of(arn, Partition.of(env)));
    }
}
