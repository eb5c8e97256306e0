package meshonboarder.kubernetes;

import meshonboarder.cluster.ApplyOutcome;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** Makes sure a namespace exists. An existing one is left as it is: its labels belong to whoever set them. */
public final class NamespaceOperator {

    /** @param clusterName names the cluster in error messages */
    public ApplyOutcome ensure(KubernetesClient client, String clusterName, String name) {
        try {
            if (client.namespaces().withName(name).get() != null) {
                return ApplyOutcome.UNCHANGED;
            }
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
            return ApplyOutcome.CREATED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return ApplyOutcome.UNCHANGED; // created by someone else since we looked: exists, as wanted
            }
            throw KubernetesErrors.translate(e, "creating namespace " + name + " in cluster " + clusterName);
        }
    }
}
