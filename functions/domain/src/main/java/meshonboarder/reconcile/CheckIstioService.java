package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import meshonboarder.cluster.Cluster;
import meshonboarder.errors.IstioDowngradeRefused;
import meshonboarder.errors.IstioMinorSkipped;
import meshonboarder.errors.IstioReleaseKnownBad;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioPlan;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.istio.IstioSettings;
import meshonboarder.istio.IstioUpgradePath;
import meshonboarder.istio.ReleaseDrift;
import meshonboarder.istio.ReleaseRequest;
import meshonboarder.istio.UserValues;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.NetworkFacts;
import meshonboarder.settings.MeshMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CheckIstio}: each member's Istio releases against the releases the onboarding would install today
 * ({@link IstioPlan}: the template's {@code IstioVersion}, the user's values, and the east-west gateway's address
 * type for the mesh's families). Read-only: one read of the Helm releases per member. A member that drifted is
 * put on the rollout list; one whose upgrade Istio does not support, or whose target is a known-bad release
 * ({@link IstioReleasePolicy}), is refused and left alone; one that cannot be read is reported, and the others go on.
 * A run upgrades at most {@link ReconcileBounds#UPGRADES_PER_RUN} members; the rest are named as deferred, for the next run.
 */
public final class CheckIstioService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckIstioService.class);

    private final IstioReleases releases;
    private final IstioSettings settings;
    private final MeshMode mode;
    private final Supplier<UserValues> userValues;

    public CheckIstioService(IstioReleases releases, IstioSettings settings, MeshMode mode,
                             Supplier<UserValues> userValues) {
        this.releases = releases;
        this.settings = settings;
        this.mode = mode;
        this.userValues = userValues;
    }

    public IstioCheck check(Membership membership) {
        // the user's values are read first: a broken document fails before any cluster is read
        UserValues user = userValues.get();
        // the mesh's families decide every gateway (GatherNetwork decides the same for an onboarding)
        GatewayAddressType addressType = GatewayAddressType.forMesh(
                membership.members().stream().map(Member::ipFamily).toList());
        NetworkFacts network = new NetworkFacts(addressType, settings.eastWestScheme(), List.of());
        List<IstioCheck.Upgrade> upgrades = new ArrayList<>();
        List<IstioCheck.Refusal> refused = new ArrayList<>();
        List<RemoteSecretsCheck.Unreachable> unreadable = new ArrayList<>();
        for (Member member : membership.members()) {
            Cluster cluster = asCluster(member);
            Map<String, DeployedRelease> deployed;
            try {
                deployed = releases.read(member);
            } catch (MeshOnboarderError e) {
                LOG.warn("Istio releases of {} not read: {}", member.clusterName(), e.getMessage());
                unreadable.add(new RemoteSecretsCheck.Unreachable(member.clusterName(), e.getMessage()));
                continue;
            }
            List<ReleaseRequest> plan = IstioPlan.releases(cluster, mode, settings, user, addressType);
            try {
                List<String> drift = drift(cluster, plan, deployed);
                if (!drift.isEmpty()) {
                    IstioReleasePolicy.refuseInstall(settings.version(), "CheckIstio");
                    DeployedRelease istiod = deployed.get(Istio.ISTIOD_RELEASE);
                    upgrades.add(new IstioCheck.Upgrade(cluster, network,
                            istiod == null ? null : istiod.chart().version(), drift));
                    LOG.info("Istio of {} drifted: {}", member.clusterName(), drift);
                }
            } catch (IstioMinorSkipped | IstioDowngradeRefused | IstioReleaseKnownBad e) {
                LOG.warn("Istio upgrade of {} refused: {}", member.clusterName(), e.getMessage());
                refused.add(new IstioCheck.Refusal(member.clusterName(), e.errorName(), e.getMessage()));
            }
        }
        int now = Math.min(ReconcileBounds.UPGRADES_PER_RUN, upgrades.size());
        List<String> deferred = upgrades.subList(now, upgrades.size()).stream()
                .map(u -> u.cluster().clusterName()).toList();
        LOG.info("Istio {}: {} to upgrade, {} in the next runs, {} refused, {} unreadable", settings.version(),
                now, deferred.size(), refused.size(), unreadable.size());
        return new IstioCheck(membership.meshId(), settings.version(), membership.members().size(),
                upgrades.subList(0, now), refused, unreadable, deferred);
    }

    /** Every release's step is checked before any drift counts: one refused release holds the whole member. */
    private static List<String> drift(Cluster cluster, List<ReleaseRequest> plan, Map<String, DeployedRelease> deployed) {
        for (ReleaseRequest desired : plan) {
            DeployedRelease current = deployed.get(desired.release());
            if (current != null) {
                IstioUpgradePath.check(cluster.ref(), desired.release(), current.chart().version(),
                        desired.chart().version());
            }
        }
        List<String> drift = new ArrayList<>();
        for (ReleaseRequest desired : plan) {
            ReleaseDrift.of(Optional.ofNullable(deployed.get(desired.release())), desired).ifPresent(drift::add);
        }
        return drift;
    }

    /** The member as a rollout's InstallIstio and WaitIstioReady read a cluster: names, network and family. */
    public static Cluster asCluster(Member member) {
        return new Cluster(member.clusterName(), member.region(), member.meshId(), member.network(),
                member.clusterArn(), Cluster.ACTIVE, null, member.ipFamily(), null, null, null, false);
    }
}
