package meshonboarder.kubernetes.cni;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import meshonboarder.cni.AwsNode;
import meshonboarder.cni.AwsNodes;
import meshonboarder.cni.Egress;
import meshonboarder.errors.Transient;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ObjectOperator;

/** {@link AwsNodes} on Kubernetes: the {@code aws-node} DaemonSet; one connection per call, closed after it. */
public final class KubernetesAwsNodes implements AwsNodes {

    private final ClusterConnector connector;

    public KubernetesAwsNodes(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public Optional<AwsNode> read(String region, String clusterName) {
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            return get(client, clusterName).map(AwsNodeDaemonSet::read);
        }
    }

    /**
     * Replaces the DaemonSet with {@link AwsNodeDaemonSet#desired}, built on the object as it is now. The write is
     * conditional twice: the object must still be the version the CNI rules judged, and the version read with it
     * makes the API server refuse the write (409) if anyone changed it in between.
     */
    @Override
    public void enable(String region, String clusterName, AwsNode current, Set<Egress> egress) {
        try (KubernetesClient client = connector.connect(region, clusterName)) {
            DaemonSet now = get(client, clusterName).filter(d -> Objects.equals(
                    d.getMetadata().getResourceVersion(), current.resourceVersion())).orElseThrow(() -> new Transient(
                    "The aws-node DaemonSet of cluster '" + clusterName + "' changed while its egress was being "
                            + "set; retrying reads it again."));
            ObjectOperator.replace(client, "cluster '" + clusterName + "'", AwsNodeDaemonSet.desired(now, egress));
        }
    }

    private static Optional<DaemonSet> get(KubernetesClient client, String clusterName) {
        try {
            return Optional.ofNullable(client.apps().daemonSets().inNamespace(AwsNodeDaemonSet.NAMESPACE)
                    .withName(AwsNodeDaemonSet.NAME).get());
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading DaemonSet kube-system/aws-node of cluster '" + clusterName
                    + "'");
        }
    }
}
