package meshonboarder.kubernetes.istio;

import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import java.util.Objects;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ManagedBy;
import meshonboarder.kubernetes.ObjectOperator;

/**
 * The Gateway that exposes this network's services to the other networks, as Istio's multi-network guide
 * writes it: on the east-west gateway's port 15443, mTLS passed through by SNI ({@code AUTO_PASSTHROUGH}) for
 * every {@code *.local} service. Proxies of other networks reach this cluster's workloads only through it.
 */
final class CrossNetworkGateway {

    /** The label value the gateway chart gives the pods of release {@code istio-eastwestgateway}. */
    static final String SELECTOR = "eastwestgateway";

    /** Only the spec is ours to keep: labels and annotations others add stay. */
    static final ObjectOperator.Merge<Gateway> MERGE = (current, desired) -> Objects.equals(current.getSpec(),
            desired.getSpec()) ? null : new GatewayBuilder(current).withSpec(desired.getSpec()).build();

    private CrossNetworkGateway() {
    }

    static Gateway desired() {
        return new GatewayBuilder()
                .withNewMetadata()
                .withName(Istio.CROSS_NETWORK_GATEWAY)
                .withNamespace(Istio.NAMESPACE)
                .addToLabels(ManagedBy.LABEL, ManagedBy.VALUE)
                .endMetadata()
                .withNewSpec()
                .addToSelector("istio", SELECTOR)
                .addNewServer()
                .withNewPort().withName("tls").withNumber(15443L).withProtocol("TLS").endPort()
                .withNewTls().withMode(ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH).endTls()
                .withHosts("*.local")
                .endServer()
                .endSpec()
                .build();
    }
}
