package meshonboarder.mesh;

import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.network.GatewayAddressType;

/**
 * A cluster recorded as a member of a mesh (written by {@code RegisterMember}). Enough to find the cluster
 * again and to decide CNI egress without asking EKS; offboarding works from it alone because a deleted
 * cluster can no longer be described.
 *
 * @param gatewayAddressType the address type of the member's east-west gateway as mesh-onboarder last set it
 *                           (RegisterMember, InstallIstio, FollowGateway), so that an onboarding knows which peers'
 *                           gateways must change without visiting them; null: unknown (a record written before it was
 *                           kept, or a member without an east-west gateway), which means "visit it"
 */
public record Member(String meshId, String clusterName, String region, String clusterArn, IpFamily ipFamily,
                     String network, GatewayAddressType gatewayAddressType) {

    /** A member whose gateway address type is unknown. */
    public Member(String meshId, String clusterName, String region, String clusterArn, IpFamily ipFamily,
                  String network) {
        this(meshId, clusterName, region, clusterArn, ipFamily, network, null);
    }

    /** The cluster as its membership record holds it, with the address type its east-west gateway has. */
    public static Member of(Cluster cluster, GatewayAddressType gatewayAddressType) {
        return new Member(cluster.meshId(), cluster.clusterName(), cluster.region(), cluster.clusterArn(),
                cluster.ipFamily(), cluster.network(), gatewayAddressType);
    }

    /** The same member with another gateway address type (null: unknown). */
    public Member withGatewayAddressType(GatewayAddressType type) {
        return new Member(meshId, clusterName, region, clusterArn, ipFamily, network, type);
    }

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
