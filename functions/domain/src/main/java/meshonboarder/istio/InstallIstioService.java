package meshonboarder.istio;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.MeshOnboarderError;
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

    private final IstioClusters clusters;
    private final IstioSettings settings;
    private final MeshMode mode;
    private final Supplier<UserValues> userValues;

    public InstallIstioService(IstioClusters clusters, IstioSettings settings, MeshMode mode,
                               Supplier<UserValues> userValues) {
        this.clusters = clusters;
        this.settings = settings;
        this.mode = mode;
        this.userValues = userValues;
    }

    /** @param network the mesh's network facts ({@code $.network}); null: a mesh of this cluster's family alone */
    public IstioInstallation install(Cluster cluster, NetworkFacts network) {
        // Resolve and CheckIstio refuse it first; this holds should IstioVersion change in between (a stack update)
        IstioReleasePolicy.refuseInstall(settings.version(), "InstallIstio");
        GatewayAddressType addressType = network == null
                ? GatewayAddressType.forMesh(List.of(cluster.ipFamily())) : network.gatewayAddressType();
        // the user's values are read first: a broken document fails before the cluster is touched
        List<ReleaseRequest> plan = IstioPlan.releases(cluster, mode, settings, userValues.get(), addressType);
        try (IstioCluster istio = clusters.open(cluster.region(), cluster.clusterName())) {
            // istiod reads the network label of its namespace when it starts, so the label comes first
            ApplyOutcome label = istio.labelNamespace(cluster.network());
            LOG.info("namespace {} with {}={}: {}", Istio.NAMESPACE, Istio.NETWORK_LABEL, cluster.network(), label);
            // base, istiod, gateways: in order, each installed, upgraded or left alone
            HelmReleases releases = istio.releases();
            List<ReleaseResult> results = plan.stream()
                    .map(release -> ReleaseReconciler.reconcile(releases, release, cluster.ref()))
                    .toList();
            // on multi-network, this network's services are exposed through the east-west gateway
            ApplyOutcome gateway = mode == MeshMode.MULTI_NETWORK ? crossNetworkGateway(istio) : null;
            // the peers' gateways follow the mesh: a mesh that now holds both families needs them dualstack
            List<PeerGateway> peers = mode == MeshMode.MULTI_NETWORK && network != null
                    && addressType == GatewayAddressType.DUALSTACK
                    ? network.peers().stream().map(p -> followMesh(cluster, p, addressType)).toList() : List.of();
            return new IstioInstallation(settings.version(), cluster.network(), mode == MeshMode.MULTI_NETWORK,
                    settings.ingressGateway(), results, gateway, peers);
        }
    }

    /**
     * One peer's gateway brought to the mesh's address type. A peer that cannot be read is no reason to fail the new
     * member (issue 25: one member down would block every join): it is recorded {@code UNREACHED}, Announce ends the
     * onboarding {@code PEERS_UNREACHED}, and the reconcile that starts switches its gateway (CheckIstio finds the
     * drift). A release busy with another onboarding, or a write that fails, still fails the step: it is retried.
     */
    private PeerGateway followMesh(Cluster cluster, MemberNetwork peer, GatewayAddressType addressType) {
        String ref = cluster.meshId() + "/" + peer.clusterName();
        IstioCluster istio;
        try {
            istio = clusters.open(peer.region(), peer.clusterName());
        } catch (MeshOnboarderError unreachable) {
            return unreached(peer, addressType, unreachable);
        }
        try (istio) {
            HelmReleases helm = istio.releases();
            Optional<DeployedRelease> current;
            try {
                current = helm.find(Istio.NAMESPACE, Istio.EASTWEST_RELEASE);
            } catch (MeshOnboarderError unreachable) {
                return unreached(peer, addressType, unreachable);
            }
            ReleaseOutcome outcome = GatewayFollower.follow(helm, current, addressType, ref).orElse(null);
            return new PeerGateway(peer.clusterName(), peer.region(), addressType.value(), outcome);
        }
    }

    private static PeerGateway unreached(MemberNetwork peer, GatewayAddressType addressType, MeshOnboarderError e) {
        LOG.warn("east-west gateway of {} not followed: {}", peer.clusterName(), e.getMessage());
        return new PeerGateway(peer.clusterName(), peer.region(), addressType.value(), null,
                PeerGatewayStatus.UNREACHED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static ApplyOutcome crossNetworkGateway(IstioCluster istio) {
        ApplyOutcome outcome = istio.applyCrossNetworkGateway();
        LOG.info("Gateway {}/{}: {}", Istio.NAMESPACE, Istio.CROSS_NETWORK_GATEWAY, outcome);
        return outcome;
    }
}
