package meshonboarder.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import meshonboarder.network.LoadBalancerControllers;

/**
 * {@link LoadBalancerControllers} over the cluster's API server: a Deployment in any namespace with the label its
 * Helm chart sets, {@code app.kubernetes.io/name=aws-load-balancer-controller}.
 */
public final class KubernetesLoadBalancerControllers implements LoadBalancerControllers {

    static final String LABEL = "app.kubernetes.io/name";
    static final String NAME = "aws-load-balancer-controller";

    private final ClusterConnector connector;

    public KubernetesLoadBalancerControllers(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public Optional<String> find(String region, String clusterName) {
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            return client.apps().deployments().inAnyNamespace().withLabel(LABEL, NAME).list().getItems().stream()
                    .findFirst().map(KubernetesLoadBalancerControllers::describe);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "looking for the AWS Load Balancer Controller in cluster '"
                    + clusterName + "'");
        }
    }

    private static String describe(Deployment d) {
        String image = d.getSpec().getTemplate().getSpec().getContainers().isEmpty() ? null
                : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        String tag = image == null || !image.contains(":") ? "unknown" : image.substring(image.lastIndexOf(':') + 1);
        return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName() + " (" + tag + ")";
    }
}
