package meshonboarder.access;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the EKS access entries of a cluster (who may call its Kubernetes API, and with which access policies).
 * A cluster in the {@code CONFIG_MAP} authentication mode has none: every call fails with
 * {@link meshonboarder.errors.AccessEntriesDisabled}.
 */
public interface EksAccessEntries {

    /**
     * An access entry as DescribeAccessEntry gives it. EKS also stores the principal's id with it, but never
     * returns it: {@code createdAt} is what tells an entry made for an earlier principal of the same ARN.
     */
    record Entry(String arn, Instant createdAt) {
    }

    /** The principal's access entry, or empty when it has none. */
    Optional<Entry> find(String region, String clusterName, String principalArn);

    /**
     * Creates a {@code STANDARD} access entry for the principal and returns its ARN; empty when one already
     * exists (another run created it meanwhile).
     */
    Optional<String> create(String region, String clusterName, String principalArn);

    /** Deletes the principal's access entry and, with it, its access policy associations; gone already is fine. */
    void delete(String region, String clusterName, String principalArn);

    /** ARNs of the access policies associated with the principal for the whole cluster (not per namespace). */
    Set<String> clusterPolicies(String region, String clusterName, String principalArn);

    /** Associates the access policy with the principal for the whole cluster. */
    void associateClusterPolicy(String region, String clusterName, String principalArn, String policyArn);
}
