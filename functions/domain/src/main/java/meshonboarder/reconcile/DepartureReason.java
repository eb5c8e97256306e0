package meshonboarder.reconcile;

/** Why a member leaves its mesh ({@code CheckMembership}). */
public enum DepartureReason {
    /** Its EKS cluster is gone or being deleted (a DeleteCluster event was missed): only the peers are cleaned. */
    CLUSTER_DELETED,
    /** Its cluster lives on without the mesh tag, or with another mesh's: the peers and the cluster are cleaned. */
    MESH_TAG_REMOVED
}
