package meshonboarder.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.istio.IstioRemoval.Status;
import meshonboarder.mesh.Member;
import meshonboarder.remote.Removals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code RemoveIstio} step: on a cluster that left its mesh but lives on ({@code RemoveIstioOnLeave=true}), what
 * InstallIstio and EnsureCa put there goes, in the reverse order: the cross-network Gateway, the gateway releases,
 * istiod, istio-base, then {@code cacerts}. Only mesh-onboarder's own: releases by name and chart, with istiod's
 * values naming this mesh; objects by their managed-by label. A re-run finds everything ABSENT and writes nothing.
 */
public final class RemoveIstioService {

    private static final Logger LOG = LoggerFactory.getLogger(RemoveIstioService.class);

    /** InstallIstio's releases and their charts, the last installed first. */
    private static final Map<String, String> RELEASES = releases();

    private final IstioClusters clusters;
    private final boolean enabled;

    /** @param enabled {@code REMOVE_ISTIO_ON_LEAVE}: false keeps Istio on every cluster that leaves */
    public RemoveIstioService(IstioClusters clusters, boolean enabled) {
        this.clusters = clusters;
        this.enabled = enabled;
    }

    /** @param removal the departure's {@code $.removal}: the remote secrets must be gone both ways first */
    public IstioRemoval remove(Member member, List<JsonNode> removal) {
        if (!enabled) {
            return IstioRemoval.notRemoved(Status.KEPT, "RemoveIstioOnLeave is false: Istio stays installed.", null);
        }
        List<String> unreached = Removals.unreached(removal);
        if (!unreached.isEmpty()) {
            String reason = "Peers " + unreached + " may still hold a remote secret of '" + member.clusterName()
                    + "' or it theirs; Istio stays until a re-run has removed them.";
            LOG.info("Istio not removed: {}", reason);
            return IstioRemoval.notRemoved(Status.WAITING, reason, unreached);
        }
        try (IstioCluster istio = clusters.open(member.region(), member.clusterName())) {
            HelmReleases releases = istio.releases();
            // istiod carries the mesh in its values: another mesh's or a hand-made istiod is not ours to remove
            Optional<String> foreign = releases.find(Istio.NAMESPACE, Istio.ISTIOD_RELEASE)
                    .filter(istiod -> !ours(istiod, member.meshId())).map(DeployedRelease::release);
            if (foreign.isPresent()) {
                String reason = "Release istiod on '" + member.clusterName() + "' was not installed by mesh-onboarder"
                        + " for mesh '" + member.meshId() + "'; remove Istio by hand if it should go.";
                LOG.info("Istio not removed: {}", reason);
                return IstioRemoval.notRemoved(Status.NOT_OURS, reason, null);
            }
            Map<String, ApplyOutcome> objects = new LinkedHashMap<>();
            // the Gateway first: it is a custom resource whose definition istio-base holds
            objects.put("Gateway " + Istio.NAMESPACE + "/" + Istio.CROSS_NETWORK_GATEWAY,
                    istio.deleteCrossNetworkGateway());
            RELEASES.forEach((release, chart) -> objects.put("helm release " + release,
                    uninstall(releases, release, chart)));
            // cacerts last: istiod, which reads it, is gone by now
            objects.put("Secret " + Istio.NAMESPACE + "/" + Istio.CACERTS, istio.deleteCacerts());
            LOG.info("Istio removed: {}", objects);
            return new IstioRemoval(Status.REMOVED, null, null, objects);
        }
    }

    private static boolean ours(DeployedRelease istiod, String meshId) {
        Object global = istiod.values().get("global");
        return global instanceof Map<?, ?> values && meshId.equals(values.get("meshID"));
    }

    /** A release of another chart under one of our names (someone else's) is left alone, as absent. */
    private static ApplyOutcome uninstall(HelmReleases releases, String release, String chart) {
        Optional<DeployedRelease> deployed = releases.find(Istio.NAMESPACE, release)
                .filter(r -> chart.equals(r.chart().name()));
        deployed.ifPresent(r -> releases.uninstall(Istio.NAMESPACE, release));
        return deployed.isPresent() ? ApplyOutcome.DELETED : ApplyOutcome.ABSENT;
    }

    private static Map<String, String> releases() {
        Map<String, String> releases = new LinkedHashMap<>();
        releases.put(Istio.INGRESS_RELEASE, Istio.GATEWAY_CHART);
        releases.put(Istio.EASTWEST_RELEASE, Istio.GATEWAY_CHART);
        releases.put(Istio.ISTIOD_RELEASE, Istio.ISTIOD_CHART);
        releases.put(Istio.BASE_RELEASE, Istio.BASE_CHART);
        return releases;
    }
}
