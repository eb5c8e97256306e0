package meshonboarder.istio;

import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import meshonboarder.cluster.Cluster;
import meshonboarder.kubernetes.ClusterAccess;
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

    private final ClusterAccess access;
    private final HelmAccess helm;
    private final IstioSettings settings;
    private final MeshMode mode;
    private final Supplier<UserValues> userValues;

    public InstallIstioService(ClusterAccess access, HelmAccess helm, IstioSettings settings, MeshMode mode,
                               Supplier<UserValues> userValues) {
        this.access = access;
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
        try (KubernetesClient client = access.connect(cluster.region(), cluster.clusterName())) {
            // istiod reads the network label of its namespace when it starts, so the label comes first
            labelNamespace(client, cluster);
            // base, istiod, gateways: in order, each installed, upgraded or left alone
            HelmReleases releases = helm.connect(client);
            List<ReleaseResult> results = plan.stream()
                    .map(release -> ReleaseReconciler.reconcile(releases, release, cluster.ref()))
                    .toList();
            // on multi-network, this network's services are exposed through the east-west gateway
            ObjectOutcome gateway = mode == MeshMode.MULTI_NETWORK ? crossNetworkGateway(client, cluster) : null;
            // the peers' gateways follow the mesh: a mesh that now holds both families needs them dualstack
            List<PeerGateway> peers = mode == MeshMode.MULTI_NETWORK && network != null
                    && addressType == GatewayAddressType.DUALSTACK
                    ? network.peers().stream().map(p -> followMesh(cluster, p, addressType)).toList() : List.of();
            return new IstioInstallation(settings.version(), cluster.network(), mode == MeshMode.MULTI_NETWORK,
                    settings.ingressGateway(), results, gateway, peers);
        } catch (KubernetesClientException e) {
            throw ClusterFailures.translate(e, cluster.clusterName(), "installing Istio");
        }
    }

    private PeerGateway followMesh(Cluster cluster, MemberNetwork peer, GatewayAddressType addressType) {
        String ref = cluster.meshId() + "/" + peer.clusterName();
        try (KubernetesClient client = access.connect(peer.region(), peer.clusterName())) {
            ReleaseOutcome outcome = GatewayFollower.follow(helm.connect(client), addressType, ref).orElse(null);
            return new PeerGateway(peer.clusterName(), peer.region(), addressType.value(), outcome);
        } catch (KubernetesClientException e) {
            throw ClusterFailures.translate(e, peer.clusterName(), "switching its east-west gateway to "
                    + addressType.value());
        }
    }

    private void labelNamespace(KubernetesClient client, Cluster cluster) {
        Namespace desired = IstioNamespace.desired(cluster.network());
        Resource<Namespace> resource = client.namespaces().withName(Istio.NAMESPACE);
        Namespace current = resource.get();
        ObjectOutcome outcome;
        if (current == null) {
            client.namespaces().resource(desired).create();
            outcome = ObjectOutcome.CREATED;
        } else if (current.getMetadata().getLabels() != null
                && cluster.network().equals(current.getMetadata().getLabels().get(Istio.NETWORK_LABEL))) {
            outcome = ObjectOutcome.UNCHANGED;
        } else {
            resource.edit(ns -> new NamespaceBuilder(ns).editMetadata()
                    .addToLabels(desired.getMetadata().getLabels()).endMetadata().build());
            outcome = ObjectOutcome.UPDATED;
        }
        LOG.info("[{}] namespace {} with {}={}: {}", cluster.ref(), Istio.NAMESPACE, Istio.NETWORK_LABEL,
                cluster.network(), outcome);
    }

    private ObjectOutcome crossNetworkGateway(KubernetesClient client, Cluster cluster) {
        Gateway desired = CrossNetworkGateway.desired();
        Resource<Gateway> resource = client.resources(Gateway.class).inNamespace(Istio.NAMESPACE)
                .withName(Istio.CROSS_NETWORK_GATEWAY);
        Gateway current = resource.get();
        ObjectOutcome outcome;
        if (current == null) {
            client.resource(desired).create();
            outcome = ObjectOutcome.CREATED;
        } else if (Objects.equals(current.getSpec(), desired.getSpec())) {
            outcome = ObjectOutcome.UNCHANGED;
        } else {
            resource.edit(g -> {
                g.setSpec(desired.getSpec());
                return g;
            });
            outcome = ObjectOutcome.UPDATED;
        }
        LOG.info("[{}] Gateway {}/{}: {}", cluster.ref(), Istio.NAMESPACE, Istio.CROSS_NETWORK_GATEWAY, outcome);
        return outcome;
    }
}
