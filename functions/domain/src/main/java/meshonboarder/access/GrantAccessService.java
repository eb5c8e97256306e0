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
    public static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    private static final Logger LOG = LoggerFactory.getLogger(GrantAccessService.class);

    private final EksAccessEntries entries;
    private final ClusterAccessRole role;

    public GrantAccessService(EksAccessEntries entries, ClusterAccessRole role) {
        this.entries = entries;
        this.role = role;
    }

    public Access grant(Cluster cluster) {
        // Known from Resolve: fail before any call (access entry calls would fail the same way).
        if ("CONFIG_MAP".equals(cluster.authenticationMode())) {
            throw AccessEntries.disabled(cluster.clusterName(), cluster.region());
        }
        String entry = ensureEntry(cluster);
        String policy = ensureAdminPolicy(cluster);
        LOG.info("[{}] access for {}: entry {}, {} {}", cluster.ref(), role.arn(), entry, ADMIN_POLICY, policy);
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
        if (entries.clusterPolicies(cluster.region(), cluster.clusterName(), role.arn()).contains(ADMIN_POLICY)) {
            return Access.EXISTING;
        }
        entries.associateClusterPolicy(cluster.region(), cluster.clusterName(), role.arn(), ADMIN_POLICY);
        return Access.ASSOCIATED;
    }
}
