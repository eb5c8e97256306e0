package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.remote.RemoteSecrets;

/** {@link RemoteSecrets} in the members' clusters: {@code istio-remote-secret-<subject>} in {@code istio-system}. */
public final class KubernetesRemoteSecrets implements RemoteSecrets {

    private final ClusterConnector connector;
    private final SecretOperator secrets;

    public KubernetesRemoteSecrets(ClusterConnector connector, SecretOperator secrets) {
        this.connector = connector;
        this.secrets = secrets;
    }

    @Override
    public ApplyOutcome delete(Member holder, String subject) {
        try (KubernetesClient client = connector.connect(holder.region(), holder.clusterName())) {
            return secrets.delete(client, holder.clusterName(), Istio.NAMESPACE, RemoteSecret.name(subject));
        } catch (ClusterNotFound gone) {
            // the holder was deleted since it was listed: its secrets went with it
            return ApplyOutcome.ABSENT;
        }
    }
}
