package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.IpFamily;
import meshonboarder.istio.InMemoryIstio.Owner;
import meshonboarder.istio.IstioRemoval.Status;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

/**
 * Which of a departed member's Istio is mesh-onboarder's to remove, and in what order (RemoveIstioHandlerTest: the
 * same on Helm).
 */
class RemoveIstioServiceTest {

    private static final Member MEMBER = new Member("mesh1", "eks-1", "us-east-1",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-1", IpFamily.IPV4, "net-a");

    private final InMemoryIstio istio = new InMemoryIstio();

    /** What InstallIstio and EnsureCa left on the member. */
    private void installed(String meshId) {
        InMemoryIstio.State state = istio.cluster(MEMBER.clusterName());
        state.gateway = Owner.MESH_ONBOARDER;
        state.cacerts = Owner.MESH_ONBOARDER;
        release(state, Istio.BASE_RELEASE, Istio.BASE_CHART, Map.of());
        release(state, Istio.ISTIOD_RELEASE, Istio.ISTIOD_CHART, Map.of("global", Map.of("meshID", meshId)));
        release(state, Istio.EASTWEST_RELEASE, Istio.GATEWAY_CHART, Map.of());
    }

    private static void release(InMemoryIstio.State state, String name, String chart, Map<String, Object> values) {
        state.releases.put(name, new DeployedRelease(name, Istio.NAMESPACE, "deployed", new ChartRef(chart, "1.30.4"),
                1, values));
    }

    private IstioRemoval remove(boolean enabled, List<JsonNode> removal) {
        return new RemoveIstioService(istio, enabled).remove(MEMBER, removal);
    }

    @Test
    void remove_whenOurs_removesInReverseOrderAndARerunFindsEverythingAbsent() {
        installed("mesh1");

        IstioRemoval removed = remove(true, List.of());
        List<String> writes = List.copyOf(istio.writes);
        IstioRemoval again = remove(true, List.of());

        assertThat(removed.status()).isEqualTo(Status.REMOVED);
        assertThat(removed.objects()).containsExactly(
                Map.entry("Gateway istio-system/cross-network-gateway", ApplyOutcome.DELETED),
                Map.entry("helm release istio-ingressgateway", ApplyOutcome.ABSENT),
                Map.entry("helm release istio-eastwestgateway", ApplyOutcome.DELETED),
                Map.entry("helm release istiod", ApplyOutcome.DELETED),
                Map.entry("helm release istio-base", ApplyOutcome.DELETED),
                Map.entry("Secret istio-system/cacerts", ApplyOutcome.DELETED));
        assertThat(writes).containsExactly("eks-1: delete gateway", "eks-1: uninstall istio-eastwestgateway",
                "eks-1: uninstall istiod", "eks-1: uninstall istio-base", "eks-1: delete cacerts");
        assertThat(again.objects().values()).containsOnly(ApplyOutcome.ABSENT);
        assertThat(istio.writes).isEqualTo(writes);
        assertThat(istio.open).isZero();
    }

    @Test
    void remove_whenAnotherMeshsIstiod_touchesNothing() {
        installed("mesh2");

        IstioRemoval kept = remove(true, List.of());

        assertThat(kept.status()).isEqualTo(Status.NOT_OURS);
        assertThat(kept.reason()).contains("was not installed by mesh-onboarder for mesh 'mesh1'");
        assertThat(istio.writes).isEmpty();
    }

    @Test
    void remove_whenObjectsAndReleasesAreSomeoneElses_leavesThemAsAbsent() {
        installed("mesh1");
        InMemoryIstio.State state = istio.cluster(MEMBER.clusterName());
        state.gateway = Owner.SOMEONE_ELSE;
        state.cacerts = Owner.SOMEONE_ELSE;
        // a release under one of our names, of another chart
        release(state, Istio.INGRESS_RELEASE, "nginx", Map.of());

        IstioRemoval removed = remove(true, List.of());

        assertThat(removed.objects()).containsEntry("Gateway istio-system/cross-network-gateway", ApplyOutcome.ABSENT)
                .containsEntry("helm release istio-ingressgateway", ApplyOutcome.ABSENT)
                .containsEntry("Secret istio-system/cacerts", ApplyOutcome.ABSENT);
        assertThat(state.gateway).isEqualTo(Owner.SOMEONE_ELSE);
        assertThat(state.releases).containsKey(Istio.INGRESS_RELEASE);
    }

    @Test
    void remove_whenAPeerWasNotReached_waitsWithoutConnecting() throws Exception {
        installed("mesh1");
        JsonNode unreached = Json.MAPPER.readTree(
                "{\"peer\": {\"clusterName\": \"eks-2\"}, \"status\": \"UNREACHED\"}");

        IstioRemoval waiting = remove(true, List.of(unreached));

        assertThat(waiting.status()).isEqualTo(Status.WAITING);
        assertThat(waiting.unreached()).containsExactly("eks-2");
        assertThat(istio.writes).isEmpty();
    }

    @Test
    void remove_whenDisabled_keepsIstio() {
        installed("mesh1");

        IstioRemoval kept = remove(false, List.of());

        assertThat(kept.status()).isEqualTo(Status.KEPT);
        assertThat(Json.MAPPER.valueToTree(kept).path("status").asText()).isEqualTo("KEPT");
        assertThat(istio.writes).isEmpty();
    }
}
