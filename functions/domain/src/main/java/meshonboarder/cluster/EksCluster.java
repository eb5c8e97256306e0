package meshonboarder.cluster;

import java.util.List;
import java.util.Map;

/**
 * What EKS says about a cluster (DescribeCluster), reduced to what mesh-onboarder uses.
 *
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
}
