package meshonboarder.reconcile;

import meshonboarder.mesh.Member;

/**
 * A member that leaves its mesh: its EKS cluster is gone (a DeleteCluster event was missed), or its mesh tag was
 * removed or changed.
 *
 * @param clusterExists false when the cluster is gone: only the peers are cleaned, never the cluster itself
 */
public record Departure(Member member, String reason, boolean clusterExists) {

    public static final String CLUSTER_DELETED = "CLUSTER_DELETED";
    public static final String MESH_TAG_REMOVED = "MESH_TAG_REMOVED";
}
