package meshonboarder.access;

import java.util.Optional;
import meshonboarder.errors.AccessEntriesDisabled;
import meshonboarder.cluster.Cluster;
import meshonboarder.settings.ClusterAccessRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code GrantAccess} step: makes the cluster access role a cluster admin of the new cluster through an
 * EKS access entry, the one identity every Kubernetes-touching step acts as. Idempotent: what exists is
 * left alone, and the result says so. ReconcileMesh runs it on every member, so an entry that is missing or
 * stale (see {@link #ensureEntry}) is made again before any step calls the member's Kubernetes API.
 */
public final class GrantAccessService {

    /** Istio's install, the CA secret and remote secrets span namespaces and cluster-scoped kinds. */
    private static final String ADMIN_POLICY_NAME = "AmazonEKSClusterAdminPolicy";

    private static final Logger LOG = LoggerFactory.getLogger(GrantAccessService.class);

    private final EksAccessEntries entries;
    private final IamRoles roles;
    private final ClusterAccessRole role;
    private final String adminPolicy;

    /** @param partition where the function runs (aws, aws-cn, aws-us-gov, ...): the access policy ARN has it */
    public GrantAccessService(EksAccessEntries entries, IamRoles roles, ClusterAccessRole role, String partition) {
        this.entries = entries;
        this.roles = roles;
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
            throw AccessEntriesDisabled.of(cluster.clusterName(), cluster.region());
        }
        String entry = ensureEntry(cluster);
        String policy = ensureAdminPolicy(cluster);
        LOG.info("access for {}: entry {}, {} {}", role.arn(), entry, adminPolicy, policy);
        return new Access(role.arn(), entry, policy);
    }

    /**
     * The access entry: the principal becomes a Kubernetes user of the cluster. EKS matches an entry by the
     * principal's id, not its ARN, so an entry made before the role was deleted and created again (the stack
     * deleted and deployed again) lets nobody in, and DescribeAccessEntry does not show it (EKS API reference,
     * AccessEntry.principalArn; terraform-aws-modules/terraform-aws-eks issue 3329). An entry created before the
     * role is therefore one for an earlier role: it is deleted and made again (its policies go with it).
     */
    private String ensureEntry(Cluster cluster) {
        Optional<EksAccessEntries.Entry> existing = entries.find(cluster.region(), cluster.clusterName(), role.arn());
        if (existing.isPresent() && !predatesRole(existing.get())) {
            return Access.EXISTING;
        }
        if (existing.isPresent()) {
            LOG.info("the access entry of {} was created {}, before the role: it is made again", role.arn(),
                    existing.get().createdAt());
            entries.delete(cluster.region(), cluster.clusterName(), role.arn());
        }
        boolean created = entries.create(cluster.region(), cluster.clusterName(), role.arn()).isPresent();
        return !created ? Access.EXISTING : existing.isPresent() ? Access.RECREATED : Access.CREATED;
    }

    private boolean predatesRole(EksAccessEntries.Entry entry) {
        return entry.createdAt() != null && entry.createdAt().isBefore(roles.createdAt(role.arn()));
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
