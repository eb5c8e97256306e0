package meshonboarder.istio;

/** Names that Istio's documentation and charts fix, and every step spells the same way. */
public final class Istio {

    public static final String NAMESPACE = "istio-system";
    /** Label on istio-system (and on network gateways) naming the network of the cluster's workloads. */
    public static final String NETWORK_LABEL = "topology.istio.io/network";

    public static final String BASE_RELEASE = "istio-base";
    public static final String ISTIOD_RELEASE = "istiod";
    public static final String INGRESS_RELEASE = "istio-ingressgateway";
    public static final String EASTWEST_RELEASE = "istio-eastwestgateway";

    public static final String BASE_CHART = "base";
    public static final String ISTIOD_CHART = "istiod";
    public static final String GATEWAY_CHART = "gateway";

    /** The istiod Deployment the istiod chart creates. */
    public static final String ISTIOD_DEPLOYMENT = "istiod";
    /** The account istiod in the other members reads the cluster as (the base chart's), through remote secrets. */
    public static final String READER_SERVICE_ACCOUNT = "istio-reader-service-account";
    /** The Gateway that exposes this network's services to the others through the east-west gateway. */
    public static final String CROSS_NETWORK_GATEWAY = "cross-network-gateway";
    /** The Secret istiod reads its plugged-in CA from (EnsureCa writes it). */
    public static final String CACERTS = "cacerts";

    private Istio() {
    }
}
