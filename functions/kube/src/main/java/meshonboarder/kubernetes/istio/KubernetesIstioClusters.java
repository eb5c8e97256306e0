package meshonboarder.kubernetes.istio;

import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioCluster;
import meshonboarder.istio.IstioClusters;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.Kubeconfig;
import meshonboarder.kubernetes.ManagedBy;
import meshonboarder.kubernetes.ObjectOperator;

/**
 * {@link IstioClusters} on Kubernetes: one fabric8 client per cluster, objects written through {@link ObjectOperator},
 * and Helm handed a kubeconfig for the same endpoint, CA and credentials as that client. Needs
 * {@code io.fabric8:istio-client} (the typed Gateway), which only the Helm steps' module declares.
 */
public final class KubernetesIstioClusters implements IstioClusters {

    private final ClusterConnector connector;
    private final HelmAccess helm;

    public KubernetesIstioClusters(ClusterConnector connector, HelmAccess helm) {
        this.connector = connector;
        this.helm = helm;
    }

    @Override
    public IstioCluster open(String region, String clusterName) {
        return new KubernetesIstioCluster(connector.connect(region, clusterName), "cluster " + clusterName, helm);
    }

    /** @param where the cluster, for messages: "cluster eks-1" */
    private record KubernetesIstioCluster(KubernetesClient client, String where, HelmAccess helm)
            implements IstioCluster {

        @Override
        public ApplyOutcome labelNamespace(String network) {
            return ObjectOperator.apply(client, where, IstioNamespace.desired(network), IstioNamespace.MERGE);
        }

        @Override
        public ApplyOutcome applyCrossNetworkGateway() {
            return ObjectOperator.apply(client, where, CrossNetworkGateway.desired(), CrossNetworkGateway.MERGE);
        }

        @Override
        public ApplyOutcome deleteCrossNetworkGateway() {
            return deleteOwn(read(() -> client.resources(Gateway.class).inNamespace(Istio.NAMESPACE)
                    .withName(Istio.CROSS_NETWORK_GATEWAY).get()));
        }

        @Override
        public ApplyOutcome deleteCacerts() {
            return deleteOwn(read(() -> client.secrets().inNamespace(Istio.NAMESPACE).withName(Istio.CACERTS).get()));
        }

        /** A kubeconfig per Helm call, each with a token from the client's provider (refreshed before it expires). */
        @Override
        public HelmReleases releases() {
            return helm.connect(client.getConfiguration().getMasterUrl(),
                    () -> Kubeconfig.of(client.getConfiguration()));
        }

        @Override
        public void close() {
            client.close();
        }

        /** Only what mesh-onboarder made (its managed-by label) is deleted; anything else is left, as absent. */
        private ApplyOutcome deleteOwn(HasMetadata object) {
            boolean own = object != null && object.getMetadata().getLabels() != null
                    && ManagedBy.VALUE.equals(object.getMetadata().getLabels().get(ManagedBy.LABEL));
            return own ? ObjectOperator.delete(client, where, object) : ApplyOutcome.ABSENT;
        }

        private <T> T read(Supplier<T> request) {
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.translate(e, "reading Istio's objects in " + where);
            }
        }
    }
}
