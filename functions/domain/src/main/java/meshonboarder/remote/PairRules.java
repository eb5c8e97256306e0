package meshonboarder.remote;

import meshonboarder.cluster.Cluster;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrivateApiEndpoint;
import meshonboarder.mesh.Member;

/**
 * The rules a pair of members must follow before either holds the other's remote secret, shared by
 * ExchangeRemoteSecrets (both ways) and RepairRemoteSecrets (one subject, many holders). Pure.
 */
public final class PairRules {

    private PairRules() {
    }

    /** Both in one mesh, and named apart: Istio tells clusters apart by name. */
    public static void checkPair(Cluster cluster, Member peer) {
        if (!cluster.meshId().equals(peer.meshId())) {
            throw new InvalidInput("Peer '" + peer.clusterName() + "' is in mesh " + peer.meshId() + ", not in mesh "
                    + cluster.meshId() + " of cluster '" + cluster.clusterName() + "'.");
        }
        if (cluster.clusterName().equals(peer.clusterName())) {
            throw new ClusterNameTaken("Clusters '" + cluster.clusterName() + "' in " + cluster.region() + " and in "
                    + peer.region() + " are both members of mesh " + cluster.meshId() + ", but Istio tells clusters "
                    + "apart by name. Offboard one of them; a mesh needs unique cluster names.");
        }
    }

    /**
     * The server as the other side's istiod will use it; a private-only one needs the mesh to declare a private path.
     *
     * @param readerCluster the member whose istiod reads {@code clusterName} through it
     */
    public static ApiServer reachable(ExchangeSettings settings, String clusterName, ApiServer server,
                                      String readerCluster) {
        if (!server.publicAccess() && !settings.privateApiEndpoints()) {
            throw new PrivateApiEndpoint("Cluster '" + clusterName + "' has a private API endpoint only "
                    + "(endpointPublicAccess is false), so istiod in '" + readerCluster + "' can reach it only over a "
                    + "private network path. Connect the members' VPCs (VPC peering or Transit Gateway, routes both "
                    + "ways, the cluster security group of '" + clusterName + "' open on TCP 443 to the node and pod "
                    + "CIDRs of '" + readerCluster + "') and set " + ExchangeSettings.PRIVATE_API_ENDPOINTS
                    + "=true, or enable the public endpoint of '" + clusterName + "' (restrict publicAccessCidrs to "
                    + "the peers' NAT gateway addresses).");
        }
        return server;
    }
}
