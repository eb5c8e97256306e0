package meshonboarder.access;

import java.util.Optional;
import java.util.Set;

/**
 * Port: the EKS access entries of a cluster (who may call its Kubernetes API, and with which access policies).
 * A cluster in the {@code CONFIG_MAP} authentication mode has none: every call fails with
 * {@link meshonboarder.errors.AccessEntriesDisabled}.
 */
public interface EksAccessEntries {

    /** The ARN of the principal's access entry, or empty when it has none. */
    Optional<String> find(String region, String clusterName, String principalArn);

    /**
     * Creates a {@code STANDARD} access entry for the principal and returns its ARN; empty when one already
     * exists (another run created it meanwhile).
     */
    Optional<String> create(String region, String clusterName, String principalArn);

    /** ARNs of the access policies associated with the principal for the whole cluster (not per namespace). */
    Set<String> clusterPolicies(String region, String clusterName, String principalArn);

    /** Associates the access policy with the principal for the whole cluster. */
    void associateClusterPolicy(String region, String clusterName, String principalArn, String policyArn);
}
