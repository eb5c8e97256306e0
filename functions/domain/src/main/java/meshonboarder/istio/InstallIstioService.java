package meshonboarder.istio;

import java.util.List;
import java.util.function.Supplier;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code InstallIstio} step: Istio on one cluster as Istio documents multi-primary installs, through
 * Helm releases of the official charts. Safe to run again: whatever already matches is left alone. It touches this
 * cluster only: the peers' east-west gateways follow the mesh in the onboarding's per-peer Map ({@link
 * FollowGatewayService}), so its time and Helm work do not grow with the mesh, and no peer can fail it.
 */
public final class InstallIstioService {

    private static final Logger LOG = LoggerFactory.getLogger(InstallIstioService.class);

    private final IstioClusters clusters;
    private final MeshMembers members;
    private final IstioSettings settings;
    private final MeshMode mode;
    private final Supplier<UserValues> userValues;

    public InstallIstioService(IstioClusters clusters, MeshMembers members, IstioSettings settings, MeshMode mode,
                               Supplier<UserValues> userValues) {
        this.clusters = clusters;
        this.members = members;
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
            GatewayAddressType installed = mode == MeshMode.MULTI_NETWORK ? addressType : null;
            if (installed != null && members.recordGateway(Member.of(cluster, installed), installed)) {
                // a member already (a reconcile's rollout, an onboarding run again): its record follows its gateway
                LOG.info("membership record of {}: east-west gateway {}", cluster.ref(), installed.value());
            }
            return new IstioInstallation(settings.version(), cluster.network(), mode == MeshMode.MULTI_NETWORK,
                    settings.ingressGateway(), results, gateway, installed);
        }
    }

    private static ApplyOutcome crossNetworkGateway(IstioCluster istio) {
        ApplyOutcome outcome = istio.applyCrossNetworkGateway();
        LOG.info("Gateway {}/{}: {}", Istio.NAMESPACE, Istio.CROSS_NETWORK_GATEWAY, outcome);
        return outcome;
    }
}
