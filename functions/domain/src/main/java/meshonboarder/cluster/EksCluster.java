package meshonboarder.cluster;

import java.util.List;
import java.util.Map;

/**
 * What EKS says about a cluster (DescribeCluster), reduced to what mesh-onboarder uses.
 *
 * @param name                 the name it was asked by: its EKS name, or for a member account's cluster its name in
 *                             the mesh ({@link MeshNames}); the ARN always ends with the EKS name
 * @param certificateAuthority base64 PEM of the cluster CA (public, but kept out of the execution state to
 *                             keep it small; steps that connect read it again)
 * @param authenticationMode   {@code API}, {@code API_AND_CONFIG_MAP}, {@code CONFIG_MAP}, or null when EKS
 *                             does not say
 * @param autoMode             true for EKS Auto Mode clusters (compute config enabled), which manage their CNI
 */
public record EksCluster(String name, String region, String arn, String status, String endpoint,
                         String certificateAuthority, IpFamily ipFamily, String vpcId, List<String> subnetIds,
                         String kubernetesVersion, Map<String, String> tags, String authenticationMode,
                         boolean autoMode) {

    public EksCluster {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The same cluster under another name: a member account's cluster as the mesh names it. */
    public EksCluster named(String meshName) {
        return new EksCluster(meshName, region, arn, status, endpoint, certificateAuthority, ipFamily, vpcId, subnetIds,
                kubernetesVersion, tags, authenticationMode, autoMode);
    }
}
