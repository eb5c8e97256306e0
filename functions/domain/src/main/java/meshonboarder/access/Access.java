package meshonboarder.access;

/**
 * What GrantAccess did ({@code $.access}): whether it wrote anything, so that "a second run writes nothing"
 * shows in the execution history.
 *
 * @param principalArn the IAM role that now has access to the cluster's Kubernetes API
 * @param accessEntry  {@link #CREATED}, {@link #EXISTING}, or {@link #RECREATED} when the entry was older than the
 *                     role (made for an earlier role of the same ARN, so EKS no longer matched it)
 * @param policy       {@link #ASSOCIATED} or {@link #EXISTING}
 */
public record Access(String principalArn, String accessEntry, String policy) {

    public static final String CREATED = "CREATED";
    public static final String RECREATED = "RECREATED";
    public static final String ASSOCIATED = "ASSOCIATED";
    public static final String EXISTING = "EXISTING";
}
