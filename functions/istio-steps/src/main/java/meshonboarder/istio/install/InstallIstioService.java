package meshonboarder.istio.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.Supplier;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.helm.HelmAccess;
import meshonboarder.istio.GatewayFollower;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.istio.IstioPlan;
import meshonboarder.istio.IstioSettings;
import meshonboarder.istio.PeerGateway;
import meshonboarder.istio.ReleaseOutcome;
import meshonboarder.istio.ReleaseReconciler;
import meshonboarder.istio.ReleaseRequest;
import meshonboarder.istio.ReleaseResult;
import meshonboarder.istio.UserValues;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ObjectOperator;
import meshonboarder.kubernetes.istio.IstioNamespace;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.MemberNetwork;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code InstallIstio} step: Istio on one cluster as Istio documents multi-primary installs, through
 * Helm releases of the official charts. Safe to run again: whatever already matches is left alone.
 */
public final class InstallIstioService {

    private static final Logger LOG = LoggerFactory.getLogger(InstallIstioService.class);

    private final ClusterConnector connector;
    private final HelmAccess helm;
    private final IstioSettings settings;
    private final MeshMode mode;
    private final Supplier<UserValues> userValues;

    public InstallIstioService(ClusterConnector connector, HelmAccess helm, IstioSettings settings, MeshMode mode,
                               Supplier<UserValues> userValues) {
        this.connector = connector;
        this.helm = helm;
        this.settings = settings;
        this.mode = mode;
        this.userValues = userValues;
    }

    /** @param network the mesh's network facts ({@code $.network}); null: a mesh of this cluster's family alone */
    public IstioInstallation install(Cluster cluster, NetworkFacts network) {
        GatewayAddressType addressType = network == null
                ? GatewayAddressType.forMesh(List.of(cluster.ipFamily())) : network.gatewayAddressType();
        // the user's values are read first: a broken document fails before the cluster is touched
        List<ReleaseRequest> plan = IstioPlan.releases(cluster, mode, settings, userValues.get(), addressType);
        try (KubernetesClient client = connector.connect(cluster.region(), cluster.clusterName())) {
            // istiod reads the network label of its namespace when it starts, so the label comes first
            labelNamespace(client, cluster);
            // base, istiod, gateways: in order, each installed, upgraded or left alone
            HelmReleases releases = helm.connect(client);
            List<ReleaseResult> results = plan.stream()
                    .map(release -> ReleaseReconciler.reconcile(releases, release, cluster.ref()))
                    .toList();
            // on multi-network, this network's services are exposed through the east-west gateway
            ApplyOutcome gateway = mode == MeshMode.MULTI_NETWORK ? crossNetworkGateway(client, cluster) : null;
            // the peers' gateways follow the mesh: a mesh that now holds both families needs them dualstack
            List<PeerGateway> peers = mode == MeshMode.MULTI_NETWORK && network != null
                    && addressType == GatewayAddressType.DUALSTACK
                    ? network.peers().stream().map(p -> followMesh(cluster, p, addressType)).toList() : List.of();
            return new IstioInstallation(settings.version(), cluster.network(), mode == MeshMode.MULTI_NETWORK,
                    settings.ingressGateway(), results, gateway, peers);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "installing Istio in cluster '" + cluster.clusterName() + "'");
        }
    }

    private PeerGateway followMesh(Cluster cluster, MemberNetwork peer, GatewayAddressType addressType) {
        String ref = cluster.meshId() + "/" + peer.clusterName();
        try (KubernetesClient client = connector.connect(peer.region(), peer.clusterName())) {
            ReleaseOutcome outcome = GatewayFollower.follow(helm.connect(client), addressType, ref).orElse(null);
            return new PeerGateway(peer.clusterName(), peer.region(), addressType.value(), outcome);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "switching the east-west gateway of cluster '" + peer.clusterName()
                    + "' to " + addressType.value());
        }
    }

    private void labelNamespace(KubernetesClient client, Cluster cluster) {
        ApplyOutcome outcome = ObjectOperator.apply(client, "cluster " + cluster.clusterName(),
                IstioNamespace.desired(cluster.network()), IstioNamespace.MERGE);
        LOG.info("namespace {} with {}={}: {}", Istio.NAMESPACE, Istio.NETWORK_LABEL,
                cluster.network(), outcome);
    }

    private ApplyOutcome crossNetworkGateway(KubernetesClient client, Cluster cluster) {
        ApplyOutcome outcome = ObjectOperator.apply(client, "cluster " + cluster.clusterName(),
                CrossNetworkGateway.desired(), CrossNetworkGateway.MERGE);
        LOG.info("Gateway {}/{}: {}", Istio.NAMESPACE, Istio.CROSS_NETWORK_GATEWAY, outcome);
        return outcome;
    }
}
