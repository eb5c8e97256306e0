package meshonboarder.cluster;

/**
 * The cluster being onboarded, as the execution state carries it ({@code $.cluster}). Nothing secret:
 * steps that need credentials or the CA look them up by name.
 *
 * @param meshId  the mesh, from the mesh tag
 * @param network the Istio network: the network tag, else the manual input, else the VPC id
 * @param account the account the cluster is in, from its ARN; null in a record made before accounts were read
 * @param approval whether the onboarding waits for a person's approval, as Resolve found it; null in the records
 *                 of later steps, which never read it
 */
public record Cluster(String clusterName, String region, String meshId, String network, String clusterArn,
                      String status, String endpoint, IpFamily ipFamily, String vpcId, String kubernetesVersion,
                      String authenticationMode, boolean autoMode, String account, Approval approval) {

    /** A cluster as every step but Resolve reads or makes it: no approval to decide. */
    public Cluster(String clusterName, String region, String meshId, String network, String clusterArn, String status,
                   String endpoint, IpFamily ipFamily, String vpcId, String kubernetesVersion,
                   String authenticationMode, boolean autoMode, String account) {
        this(clusterName, region, meshId, network, clusterArn, status, endpoint, ipFamily, vpcId, kubernetesVersion,
                authenticationMode, autoMode, account, null);
    }

    /** A cluster whose account is not given (the hub's: every step before accounts were read made these). */
    public Cluster(String clusterName, String region, String meshId, String network, String clusterArn, String status,
                   String endpoint, IpFamily ipFamily, String vpcId, String kubernetesVersion,
                   String authenticationMode, boolean autoMode) {
        this(clusterName, region, meshId, network, clusterArn, status, endpoint, ipFamily, vpcId, kubernetesVersion,
                authenticationMode, autoMode, null, null);
    }

    /** This cluster as Resolve hands it on: with whether it waits for approval. */
    public Cluster withApproval(Approval decided) {
        return new Cluster(clusterName, region, meshId, network, clusterArn, status, endpoint, ipFamily, vpcId,
                kubernetesVersion, authenticationMode, autoMode, account, decided);
    }

    public static final String ACTIVE = "ACTIVE";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** "mesh1/eks-2": how logs and messages name the reconciliation. */
    public String ref() {
        return meshId + "/" + clusterName;
    }
}
