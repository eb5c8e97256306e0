package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;

/** One peer's east-west gateway in an onboarding's per-peer Map: visited only when its record does not say it is right. */
class FollowGatewayServiceTest {

    private final InMemoryIstio istio = new InMemoryIstio();
    private final InMemoryMesh mesh = new InMemoryMesh();
    private final FollowGatewayService service = new FollowGatewayService(istio, mesh, MeshMode.MULTI_NETWORK);

    private static Member peer(String name, GatewayAddressType recorded) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name, recorded);
    }

    private InMemoryIstio.State gateway(String member, GatewayAddressType type) {
        InMemoryIstio.State state = istio.cluster(member);
        state.releases.put(Istio.EASTWEST_RELEASE, new DeployedRelease(Istio.EASTWEST_RELEASE, Istio.NAMESPACE,
                "deployed", new ChartRef(Istio.GATEWAY_CHART, "1.30.4"), 1, GatewayValues.withAddressType(
                        Map.of(), type)));
        return state;
    }

    /** Issue 25: a peer already right by its record is not visited (it may even be down), and nothing is written. */
    @Test
    void follow_whenTheRecordSaysDualstack_doesNotVisitThePeer() {
        istio.cluster("eks-1").unreachable = new Transient("The API server of mesh1/eks-1 did not answer.");

        PeerGateway result = service.follow(peer("eks-1", GatewayAddressType.DUALSTACK), GatewayAddressType.DUALSTACK);

        assertThat(result).isEqualTo(new PeerGateway("eks-1", "dualstack", PeerGatewayOutcome.RECORDED));
        assertThat(istio.writes).isEmpty();
        assertThat(mesh.gatewayWrites()).isZero();
    }

    @Test
    void follow_whenTheRecordSaysIpv4_switchesTheGatewayAndRecordsIt() {
        Member peer = peer("eks-1", GatewayAddressType.IPV4);
        mesh.register(peer);
        InMemoryIstio.State state = gateway("eks-1", GatewayAddressType.IPV4);

        PeerGateway result = service.follow(peer, GatewayAddressType.DUALSTACK);

        assertThat(result.outcome()).isEqualTo(PeerGatewayOutcome.UPGRADED);
        assertThat(GatewayValues.addressType(state.releases.get(Istio.EASTWEST_RELEASE).values())).isEqualTo("dualstack");
        assertThat(mesh.list("mesh1")).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.DUALSTACK);
        assertThat(istio.open).isZero();
    }

    /** A record written before the type was kept: visited as before, and its type recorded for the next joins. */
    @Test
    void follow_whenTheRecordHasNoType_visitsAndRecordsWhatItFound() {
        Member peer = peer("eks-1", null);
        mesh.register(peer);
        gateway("eks-1", GatewayAddressType.DUALSTACK);

        PeerGateway result = service.follow(peer, GatewayAddressType.DUALSTACK);

        assertThat(result.outcome()).isEqualTo(PeerGatewayOutcome.UNCHANGED);
        assertThat(istio.writes).isEmpty();
        assertThat(mesh.list("mesh1")).extracting(Member::gatewayAddressType).containsExactly(GatewayAddressType.DUALSTACK);
    }

    /** Unreachable: the error goes to the Map item's Retry and Catch (UNREACHED there), nothing is recorded. */
    @Test
    void follow_whenThePeerMustBeVisitedAndIsDown_failsWithItsErrorAndRecordsNothing() {
        Member peer = peer("eks-1", null);
        mesh.register(peer);
        istio.cluster("eks-1").unreachable = new Transient("The API server of mesh1/eks-1 did not answer.");

        assertThatThrownBy(() -> service.follow(peer, GatewayAddressType.DUALSTACK)).isInstanceOf(Transient.class);
        assertThat(mesh.list("mesh1")).extracting(Member::gatewayAddressType).containsOnlyNulls();
    }

    /** Gateways are switched up to dualstack, never down: an ipv4 mesh, or one network, visits nobody. */
    @Test
    void follow_whenTheMeshIsIpv4OrSingleNetwork_visitsNobody() {
        istio.cluster("eks-1").unreachable = new Transient("The API server of mesh1/eks-1 did not answer.");

        assertThat(service.follow(peer("eks-1", null), GatewayAddressType.IPV4).outcome())
                .isEqualTo(PeerGatewayOutcome.NOT_NEEDED);
        assertThat(new FollowGatewayService(istio, mesh, MeshMode.SINGLE_NETWORK)
                .follow(peer("eks-1", null), GatewayAddressType.DUALSTACK).outcome())
                .isEqualTo(PeerGatewayOutcome.NOT_NEEDED);
    }

    @Test
    void follow_whenThePeerHasNoEastWestGateway_recordsNothing() {
        Member peer = peer("eks-1", null);
        mesh.register(peer);
        istio.cluster("eks-1");

        assertThat(service.follow(peer, GatewayAddressType.DUALSTACK).outcome()).isEqualTo(PeerGatewayOutcome.NO_GATEWAY);
        assertThat(mesh.gatewayWrites()).isZero();
    }
}
