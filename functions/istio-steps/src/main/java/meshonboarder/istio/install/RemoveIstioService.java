package meshonboarder.istio.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.helm.HelmAccess;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.HelmReleases;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioRemoval;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ManagedBy;
import meshonboarder.kubernetes.ObjectOperator;
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
    private static final String CACERTS = "cacerts";

    /** InstallIstio's releases and their charts, the last installed first. */
    private static final Map<String, String> RELEASES = releases();

    private final ClusterConnector connector;
    private final HelmAccess helm;
    private final boolean enabled;

    /** @param enabled {@code REMOVE_ISTIO_ON_LEAVE}: false keeps Istio on every cluster that leaves */
    public RemoveIstioService(ClusterConnector connector, HelmAccess helm, boolean enabled) {
        this.connector = connector;
        this.helm = helm;
        this.enabled = enabled;
    }

    /** @param removal the departure's {@code $.removal}: the remote secrets must be gone both ways first */
    public IstioRemoval remove(Member member, List<JsonNode> removal) {
        if (!enabled) {
            return IstioRemoval.notRemoved(IstioRemoval.KEPT, "RemoveIstioOnLeave is false: Istio stays installed.",
                    null);
        }
        List<String> unreached = Removals.unreached(removal);
        if (!unreached.isEmpty()) {
            String reason = "Peers " + unreached + " may still hold a remote secret of '" + member.clusterName()
                    + "' or it theirs; Istio stays until a re-run has removed them.";
            LOG.info("Istio not removed: {}", reason);
            return IstioRemoval.notRemoved(IstioRemoval.WAITING, reason, unreached);
        }
        String where = "cluster " + member.clusterName();
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            HelmReleases releases = helm.connect(client);
            // istiod carries the mesh in its values: another mesh's or a hand-made istiod is not ours to remove
            Optional<String> foreign = releases.find(Istio.NAMESPACE, Istio.ISTIOD_RELEASE)
                    .filter(istiod -> !ours(istiod, member.meshId())).map(DeployedRelease::release);
            if (foreign.isPresent()) {
                String reason = "Release istiod on '" + member.clusterName() + "' was not installed by mesh-onboarder"
                        + " for mesh '" + member.meshId() + "'; remove Istio by hand if it should go.";
                LOG.info("Istio not removed: {}", reason);
                return IstioRemoval.notRemoved(IstioRemoval.NOT_OURS, reason, null);
            }
            Map<String, ApplyOutcome> objects = new LinkedHashMap<>();
            // the Gateway first: it is a custom resource whose definition istio-base holds
            objects.put(ObjectOperator.describe(CrossNetworkGateway.desired()), deleteOwn(client, where,
                    client.resources(Gateway.class).inNamespace(Istio.NAMESPACE)
                            .withName(Istio.CROSS_NETWORK_GATEWAY).get()));
            RELEASES.forEach((release, chart) -> objects.put("helm release " + release,
                    uninstall(releases, release, chart)));
            // cacerts last: istiod, which reads it, is gone by now
            objects.put("Secret " + Istio.NAMESPACE + "/" + CACERTS, deleteOwn(client, where,
                    client.secrets().inNamespace(Istio.NAMESPACE).withName(CACERTS).get()));
            LOG.info("Istio removed: {}", objects);
            return new IstioRemoval(IstioRemoval.REMOVED, null, null, objects);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "removing Istio from cluster '" + member.clusterName() + "'");
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

    private static ApplyOutcome deleteOwn(KubernetesClient client, String where, HasMetadata object) {
        boolean own = object != null && object.getMetadata().getLabels() != null
                && ManagedBy.VALUE.equals(object.getMetadata().getLabels().get(ManagedBy.LABEL));
        return own ? ObjectOperator.delete(client, where, object) : ApplyOutcome.ABSENT;
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
