package meshonboarder.cluster;

/**
 * The cluster being onboarded, as the execution state carries it ({@code $.cluster}). Nothing secret:
 * steps that need credentials or the CA look them up by name.
 *
 * @param meshId  the mesh, from the mesh tag
 * @param network the Istio network: the network tag, else the manual input, else the VPC id
 */
public record Cluster(String clusterName, String region, String meshId, String network, String clusterArn,
                      String status, String endpoint, IpFamily ipFamily, String vpcId, String kubernetesVersion,
                      String authenticationMode, boolean autoMode) {

    public static final String ACTIVE = "ACTIVE";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** "mesh1/eks-2": how logs and messages name the reconciliation. */
    public String ref() {
        return meshId + "/" + clusterName;
    }
}
