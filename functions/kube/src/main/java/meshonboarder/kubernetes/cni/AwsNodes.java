package meshonboarder.kubernetes.cni;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ObjectOperator;

/** Reads and writes the {@code aws-node} DaemonSet of a cluster; one connection per call, closed after it. */
public final class AwsNodes {

    private final ClusterConnector connector;

    public AwsNodes(ClusterConnector connector) {
        this.connector = connector;
    }

    /** The DaemonSet; empty when the cluster has none (no self-managed VPC CNI). */
    public Optional<DaemonSet> read(String region, String clusterName) {
        String action = "reading DaemonSet kube-system/aws-node of cluster '" + clusterName + "'";
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            return Optional.ofNullable(client.apps().daemonSets().inNamespace(AwsNodeDaemonSet.NAMESPACE)
                    .withName(AwsNodeDaemonSet.NAME).get());
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, action);
        }
    }

    /**
     * Replaces the DaemonSet with {@code desired}. The resource version read with it makes this a conditional
     * write: if anyone changed the DaemonSet meanwhile, the API server refuses it (409) and the step is retried.
     */
    public void replace(String region, String clusterName, DaemonSet desired) {
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            ObjectOperator.replace(client, "cluster '" + clusterName + "'", desired);
        }
    }
}
