package meshonboarder.mesh;

import meshonboarder.cluster.IpFamily;

/**
 * A cluster recorded as a member of a mesh (written by {@code RegisterMember}). Enough to find the cluster
 * again and to decide CNI egress without asking EKS; offboarding works from it alone because a deleted
 * cluster can no longer be described.
 */
public record Member(String meshId, String clusterName, String region, String clusterArn, IpFamily ipFamily,
                     String network) {
}
