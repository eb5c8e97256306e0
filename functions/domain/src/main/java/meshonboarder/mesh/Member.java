package meshonboarder.mesh;

import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNameTaken;

/**
 * A cluster recorded as a member of a mesh (written by {@code RegisterMember}). Enough to find the cluster
 * again and to decide CNI egress without asking EKS; offboarding works from it alone because a deleted
 * cluster can no longer be described.
 */
public record Member(String meshId, String clusterName, String region, String clusterArn, IpFamily ipFamily,
                     String network) {

    /** Whether the two records are of one EKS cluster (its ARN names partition, region, account and name). */
    public boolean sameCluster(Member other) {
        return clusterArn.equals(other.clusterArn);
    }

    /** The refusal of this member's registration while {@code holder}, another cluster, holds its name in the mesh. */
    public ClusterNameTaken nameTakenBy(Member holder) {
        return new ClusterNameTaken("Cluster '" + clusterName + "' (" + clusterArn + ") cannot join mesh " + meshId
                + ": " + holder.clusterArn() + " is a member under the same name, and Istio tells clusters apart by "
                + "name. Offboard that one, or give the new cluster another name; a mesh needs unique cluster names.");
    }
}
