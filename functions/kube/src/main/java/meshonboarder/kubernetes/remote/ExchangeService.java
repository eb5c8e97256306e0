package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.ClusterNameTaken;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrivateApiEndpoint;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.Kubeconfig;
import meshonboarder.kubernetes.ReaderToken;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeResult;
import meshonboarder.remote.ExchangeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ExchangeRemoteSecrets}, for one peer: the new cluster's remote secret into the peer and the peer's into
 * the new cluster. Each side's endpoint and CA come from {@link ApiServers}, each side's reader token from the
 * cluster itself (the peer's reader identity is ensured too, so a member onboarded before the reader existed
 * catches up). Both writes are no-ops when nothing changed, so a re-run, or two onboardings writing the same pair,
 * converge.
 */
public final class ExchangeService {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeService.class);

    private final ClusterConnector connector;
    private final ApiServers apiServers;
    private final ReaderIdentity reader;
    private final SecretOperator secrets;
    private final ExchangeSettings settings;

    public ExchangeService(ClusterConnector connector, ApiServers apiServers, ReaderIdentity reader, SecretOperator secrets,
                           ExchangeSettings settings) {
        this.connector = connector;
        this.apiServers = apiServers;
        this.reader = reader;
        this.secrets = secrets;
        this.settings = settings;
    }

    public ExchangeResult exchange(Cluster cluster, Member peer) {
        checkPair(cluster, peer);
        String here = cluster.ref();
        String there = peer.meshId() + "/" + peer.clusterName();

        // where each API server is, and whether the other side's istiod can get there
        ApiServer clusterServer = reachable(settings, cluster.clusterName(), apiServers.describe(cluster.region(),
                cluster.clusterName()), peer.clusterName());
        ApiServer peerServer = reachable(settings, peer.clusterName(), apiServers.describe(peer.region(),
                peer.clusterName()), cluster.clusterName());

        try (KubernetesClient clusterClient = connector.connect(cluster.region(), cluster.clusterName());
             KubernetesClient peerClient = connector.connect(peer.region(), peer.clusterName())) {
            // each side's reader token; a peer whose token is not filled yet is retried by the state machine
            ReaderToken clusterToken = reader.token(clusterClient, here);
            ReaderToken peerToken = reader.token(peerClient, there);

            // the new cluster into the peer, then the peer into the new cluster
            ApplyOutcome intoPeer = secrets.apply(peerClient, peer.clusterName(), RemoteSecret.of(cluster.clusterName(),
                    Kubeconfig.withBearerToken(cluster.clusterName(), clusterServer, clusterToken)));
            ApplyOutcome intoCluster = secrets.apply(clusterClient, cluster.clusterName(), RemoteSecret.of(
                    peer.clusterName(), Kubeconfig.withBearerToken(peer.clusterName(), peerServer, peerToken)));

            LOG.info("remote secrets with peer {}: {} into {}, {} into {}", peer.clusterName(),
                    RemoteSecret.name(cluster.clusterName()), intoPeer, RemoteSecret.name(peer.clusterName()),
                    intoCluster);
            return new ExchangeResult(peer, ExchangeResult.EXCHANGED, intoCluster, intoPeer);
        }
    }

    private static void checkPair(Cluster cluster, Member peer) {
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

    /** The server as the other side's istiod will use it; a private-only one needs the mesh to declare a private path. */
    static ApiServer reachable(ExchangeSettings settings, String clusterName, ApiServer server, String readerCluster) {
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
