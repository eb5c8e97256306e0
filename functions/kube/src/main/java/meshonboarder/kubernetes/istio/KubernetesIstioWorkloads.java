package meshonboarder.kubernetes.istio;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioWorkloads;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;

/** {@link IstioWorkloads} on Kubernetes: one client per check, GETs and a LIST in {@code istio-system}. */
public final class KubernetesIstioWorkloads implements IstioWorkloads {

    private final ClusterConnector connector;

    public KubernetesIstioWorkloads(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public View open(String region, String clusterName) {
        return new KubernetesView(connector.connect(region, clusterName), clusterName);
    }

    private record KubernetesView(KubernetesClient client, String clusterName) implements View {

        @Override
        public Optional<Rollout> deployment(String name) {
            Deployment deployment = read(() -> client.apps().deployments().inNamespace(Istio.NAMESPACE).withName(name)
                    .get());
            if (deployment == null) {
                return Optional.empty();
            }
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            return Optional.of(new Rollout(deployment.getMetadata().getGeneration(), status.getObservedGeneration(),
                    deployment.getSpec() == null ? null : deployment.getSpec().getReplicas(),
                    status.getAvailableReplicas(), status.getReadyReplicas(), status.getUpdatedReplicas()));
        }

        @Override
        public List<Pod> pods(String app) {
            return read(() -> client.pods().inNamespace(Istio.NAMESPACE).withLabel("app", app).list().getItems())
                    .stream().map(pod -> pod(pod.getStatus())).toList();
        }

        @Override
        public List<String> loadBalancerAddresses(String service) {
            Service found = read(() -> client.services().inNamespace(Istio.NAMESPACE).withName(service).get());
            if (found == null || found.getStatus() == null || found.getStatus().getLoadBalancer() == null) {
                return List.of();
            }
            return found.getStatus().getLoadBalancer().getIngress().stream().map(KubernetesView::address).toList();
        }

        @Override
        public void close() {
            client.close();
        }

        private <T> T read(Supplier<T> request) {
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.translate(e, "reading Istio's state in cluster '" + clusterName + "'");
            }
        }

        private static Pod pod(PodStatus status) {
            if (status == null) {
                return new Pod(null, List.of());
            }
            return new Pod(status.getPhase(), status.getConditions().stream()
                    .map(c -> new Condition(c.getType(), c.getStatus(), c.getMessage())).toList());
        }

        private static String address(LoadBalancerIngress ingress) {
            return ingress.getHostname() != null ? ingress.getHostname() : ingress.getIp();
        }
    }
}
