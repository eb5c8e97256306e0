package meshonboarder.kubernetes.istio;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ObjectOperator;

/**
 * The {@code istio-system} namespace, labelled with the cluster's network before istiod starts: istiod
 * reads the label to place its own and every system workload's endpoints on that network.
 */
public final class IstioNamespace {

    /** Adds the network label; the namespace's other labels belong to whoever set them. */
    public static final ObjectOperator.Merge<Namespace> MERGE = (current, desired) -> {
        Map<String, String> wanted = desired.getMetadata().getLabels();
        Map<String, String> labels = current.getMetadata().getLabels();
        if (labels != null && labels.entrySet().containsAll(wanted.entrySet())) {
            return null;
        }
        return new NamespaceBuilder(current).editMetadata().addToLabels(wanted).endMetadata().build();
    };

    private IstioNamespace() {
    }

    public static Namespace desired(String network) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(Istio.NAMESPACE)
                .addToLabels(Istio.NETWORK_LABEL, network)
                .endMetadata()
                .build();
    }
}
