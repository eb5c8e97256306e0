package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.Kubeconfig;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.kubernetes.istio.KubernetesIstioReleases;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ReaderKubeconfig;
import meshonboarder.remote.ReaderState;
import meshonboarder.remote.RemoteSecretClusters;

/**
 * {@link RemoteSecretClusters} on Kubernetes: one client per connection; the reader identity is
 * {@link ReaderIdentity}'s, the remote secret {@link RemoteSecret}'s in istioctl's layout ({@link Kubeconfig}),
 * applied by the {@link SecretOperator}.
 */
public final class KubernetesRemoteSecretClusters implements RemoteSecretClusters {

    private final ClusterConnector connector;
    private final ReaderIdentity reader = new ReaderIdentity();
    private final SecretOperator secrets = new SecretOperator();

    public KubernetesRemoteSecretClusters(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public Connection connect(String region, String clusterName) {
        return new KubernetesConnection(clusterName, connector.connect(region, clusterName));
    }

    @Override
    public Connection connect(String region, String clusterName, ApiServer server) {
        return new KubernetesConnection(clusterName, connector.connect(region, clusterName, server));
    }

    /** What {@code KubernetesErrors} leaves as it is: an API error no step error names. */
    @Override
    public boolean refused(RuntimeException e) {
        return e instanceof KubernetesClientException;
    }

    private final class KubernetesConnection implements Connection {

        private final String clusterName;
        private final KubernetesClient client;

        private KubernetesConnection(String clusterName, KubernetesClient client) {
            this.clusterName = clusterName;
            this.client = client;
        }

        @Override
        public ReaderState ensureReader(String where) {
            return reader.ensure(client, where);
        }

        @Override
        public ApplyOutcome writeRemoteSecret(ReaderKubeconfig subject) {
            return secrets.apply(client, clusterName, RemoteSecret.of(subject.clusterName(),
                    Kubeconfig.withBearerToken(subject.clusterName(), subject.server(), subject.token())));
        }

        @Override
        public ApplyOutcome deleteRemoteSecret(String subject) {
            return secrets.delete(client, clusterName, Istio.NAMESPACE, RemoteSecret.name(subject));
        }

        /** From Helm's own release records, as CheckIstio reads them: one LIST of {@code istio-system}'s. */
        @Override
        public Optional<String> istiodVersion(String where) {
            try {
                return Optional.ofNullable(KubernetesIstioReleases.read(client, where).get(Istio.ISTIOD_RELEASE))
                        .map(release -> release.chart().version());
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.translate(e, "listing the Helm releases of " + Istio.NAMESPACE + " in " + where);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
