package meshonboarder.kubernetes.istio;

import meshonboarder.istio.Istio;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/**
 * The {@code istio-system} namespace, labelled with the cluster's network before istiod starts: istiod
 * reads the label to place its own and every system workload's endpoints on that network.
 */
public final class IstioNamespace {

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
