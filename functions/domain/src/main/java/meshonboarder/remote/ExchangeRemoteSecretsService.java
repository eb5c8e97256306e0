package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ExchangeRemoteSecrets}, for one peer: the new cluster's remote secret into the peer and the peer's into
 * the new cluster. Each side's endpoint and CA come from {@link ApiServers} (read once, and used to connect too),
 * each side's reader token from the cluster itself ({@link ReaderKubeconfig#of}: the peer's reader identity is
 * ensured too, so a member onboarded before the reader existed catches up). Both writes are no-ops when nothing
 * changed, so a re-run, or two onboardings writing the same pair, converge.
 */
public final class ExchangeRemoteSecretsService {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRemoteSecretsService.class);

    private final RemoteSecretClusters clusters;
    private final ApiServers apiServers;
    private final ExchangeSettings settings;

    public ExchangeRemoteSecretsService(RemoteSecretClusters clusters, ApiServers apiServers,
                                        ExchangeSettings settings) {
        this.clusters = clusters;
        this.apiServers = apiServers;
        this.settings = settings;
    }

    public ExchangeResult exchange(Cluster cluster, Member peer) {
        PairRules.checkPair(cluster, peer);
        String here = cluster.ref();
        String there = peer.meshId() + "/" + peer.clusterName();

        // where each API server is, and whether the other side's istiod can get there
        ApiServer clusterServer = PairRules.reachable(settings, cluster.clusterName(),
                apiServers.describe(cluster.region(), cluster.clusterName()), peer.clusterName());
        ApiServer peerServer = PairRules.reachable(settings, peer.clusterName(),
                apiServers.describe(peer.region(), peer.clusterName()), cluster.clusterName());

        try (RemoteSecretClusters.Connection clusterSide = clusters.connect(cluster.region(), cluster.clusterName(),
                clusterServer);
             RemoteSecretClusters.Connection peerSide = clusters.connect(peer.region(), peer.clusterName(),
                     peerServer)) {
            // each side's reader token; a peer whose token is not filled yet is retried by the state machine
            ReaderKubeconfig clusterKubeconfig = ReaderKubeconfig.of(clusterSide, cluster.clusterName(), clusterServer,
                    here);
            ReaderKubeconfig peerKubeconfig = ReaderKubeconfig.of(peerSide, peer.clusterName(), peerServer, there);

            // the new cluster into the peer, then the peer into the new cluster
            ApplyOutcome intoPeer = peerSide.writeRemoteSecret(clusterKubeconfig);
            ApplyOutcome intoCluster = clusterSide.writeRemoteSecret(peerKubeconfig);

            LOG.info("remote secrets with peer {}: the new cluster's into the peer {}, the peer's into the new "
                    + "cluster {}", peer.clusterName(), intoPeer, intoCluster);
            return new ExchangeResult(peer, ExchangeStatus.EXCHANGED, intoCluster, intoPeer);
        }
    }
}
