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

    // Access entries take IAM role ARNs (a path is allowed), never the sts assumed-role form.
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    public ClusterAccessRole {
        if (arn == null || !ROLE_ARN.matcher(arn).matches()) {
            throw new InvalidInput("The environment variable " + VARIABLE + " must be an IAM role ARN such as "
                    + "arn:aws:iam::123456789012:role/mesh-onboarder-cluster-access, not '" + arn + "'.");
        }
    }

    /** For GrantAccess, which has nothing to grant without it. */
    public static ClusterAccessRole required(Env env) {
        return optional(env).orElseThrow(() -> new InvalidInput("The environment variable " + VARIABLE
                + " is not set: GrantAccess needs the ARN of the IAM role that gets the clusters' access entry "
                + "(filled in by template.yaml)."));
    }

    /** For the Kubernetes-touching functions: without it they use their own credentials (the local runner). */
    public static Optional<ClusterAccessRole> optional(Env env) {
        return env.optional(VARIABLE).map(ClusterAccessRole::new);
    }
}
