package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.remote.RemovalResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RemoveRemoteSecret}, for one peer: deletes {@code istio-remote-secret-<departing member>} from it, so that
 * its istiod stops watching an API server that is gone (and forgets the reader token). Works from the membership
 * record alone: the departing cluster is usually deleted already.
 */
public final class RemovalService {

    private static final Logger LOG = LoggerFactory.getLogger(RemovalService.class);

    private final ClusterConnector connector;
    private final SecretOperator secrets;

    public RemovalService(ClusterConnector connector, SecretOperator secrets) {
        this.connector = connector;
        this.secrets = secrets;
    }

    public RemovalResult remove(Member member, Member peer) {
        String ref = member.meshId() + "/" + member.clusterName();
        String name = RemoteSecret.name(member.clusterName());
        ApplyOutcome outcome;
        try (KubernetesClient client = connector.connect(peer.region(), peer.clusterName())) {
            outcome = secrets.delete(client, peer.clusterName(), Istio.NAMESPACE, name);
        } catch (ClusterNotFound gone) {
            // the peer was deleted since ListPeers saw it: its secrets went with it
            outcome = ApplyOutcome.ABSENT;
        }
        LOG.info("{} in peer {}: {}", name, peer.clusterName(), outcome);
        return new RemovalResult(peer, RemovalResult.REMOVED, outcome);
    }
}
