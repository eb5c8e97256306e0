package meshonboarder.access;

import meshonboarder.cluster.AccessEntries;
import meshonboarder.cluster.Cluster;
import meshonboarder.settings.ClusterAccessRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code GrantAccess} step: makes the cluster access role a cluster admin of the new cluster through an
 * EKS access entry, the one identity every Kubernetes-touching step acts as. Idempotent: what exists is
 * left alone, and the result says so.
 */
public final class GrantAccessService {

    /** Istio's install, the CA secret and remote secrets span namespaces and cluster-scoped kinds. */
    private static final String ADMIN_POLICY_NAME = "AmazonEKSClusterAdminPolicy";

    private static final Logger LOG = LoggerFactory.getLogger(GrantAccessService.class);

    private final EksAccessEntries entries;
    private final ClusterAccessRole role;
    private final String adminPolicy;

    /** @param partition where the function runs (aws, aws-cn, aws-us-gov, ...): the access policy ARN has it */
    public GrantAccessService(EksAccessEntries entries, ClusterAccessRole role, String partition) {
        this.entries = entries;
        this.role = role;
        this.adminPolicy = adminPolicy(partition);
    }

    /** EKS's access policies are owned by the account "aws" in every partition; only the partition differs. */
    public static String adminPolicy(String partition) {
        return "arn:" + partition + ":eks::aws:cluster-access-policy/" + ADMIN_POLICY_NAME;
    }

    public Access grant(Cluster cluster) {
        // Known from Resolve: fail before any call (access entry calls would fail the same way).
        if ("CONFIG_MAP".equals(cluster.authenticationMode())) {
            throw AccessEntries.disabled(cluster.clusterName(), cluster.region());
        }
        String entry = ensureEntry(cluster);
        String policy = ensureAdminPolicy(cluster);
        LOG.info("[{}] access for {}: entry {}, {} {}", cluster.ref(), role.arn(), entry, adminPolicy, policy);
        return new Access(role.arn(), entry, policy);
    }

    // The access entry: the principal becomes a Kubernetes user of the cluster.
    private String ensureEntry(Cluster cluster) {
        if (entries.find(cluster.region(), cluster.clusterName(), role.arn()).isPresent()) {
            return Access.EXISTING;
        }
        return entries.create(cluster.region(), cluster.clusterName(), role.arn()).isPresent()
                ? Access.CREATED : Access.EXISTING;
    }

    // The admin policy, cluster-wide: a namespace-scoped association is widened, anything else is left alone.
    private String ensureAdminPolicy(Cluster cluster) {
        if (entries.clusterPolicies(cluster.region(), cluster.clusterName(), role.arn()).contains(adminPolicy)) {
            return Access.EXISTING;
        }
        entries.associateClusterPolicy(cluster.region(), cluster.clusterName(), role.arn(), adminPolicy);
        return Access.ASSOCIATED;
    }
}
