package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.network.MemberNetwork;
import meshonboarder.network.NetworkFacts;
import meshonboarder.reconcile.InMemoryMesh;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;

/** The order of InstallIstio's writes, and what a re-run writes (InstallIstioHandlerTest: the same on Helm). */
class InstallIstioServiceTest {

    private static final Cluster CLUSTER = new Cluster("eks-2", "us-east-1", "mesh1", "net-b",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-2", Cluster.ACTIVE, null, IpFamily.IPV6, null, null, null,
            false);
    private static final IstioSettings SETTINGS = new IstioSettings("1.30.4", new ChartRepository(
            ChartRepository.Kind.HTTP, ChartRepository.ISTIO_RELEASES), false, LoadBalancerScheme.INTERNET_FACING,
            Optional.empty());

    private final InMemoryIstio istio = new InMemoryIstio();
    private final InMemoryMesh mesh = new InMemoryMesh();

    private IstioInstallation install(MeshMode mode, NetworkFacts network) {
        return new InstallIstioService(istio, mesh, SETTINGS, mode, UserValues::none).install(CLUSTER, network);
    }

    /** eks-1 (IPv4, its gateway ipv4 so far) is a member; eks-2 (IPv6) joins, so the mesh now holds both families. */
    private static NetworkFacts mixedMesh() {
        MemberNetwork self = new MemberNetwork("eks-2", "us-east-1", IpFamily.IPV6, false, "net-b", "vpc-b", List.of(),
                List.of(), List.of());
        MemberNetwork peer = new MemberNetwork("eks-1", "us-east-1", IpFamily.IPV4, true, "net-a", "vpc-a", List.of(),
                List.of(), List.of());
        return new NetworkFacts(GatewayAddressType.DUALSTACK, LoadBalancerScheme.INTERNET_FACING, List.of(self, peer));
    }

    /** A member whose east-west gateway InstallIstio made ipv4 (it was onboarded into an IPv4 mesh). */
    private InMemoryIstio.State ipv4Gateway(String member) {
        InMemoryIstio.State state = istio.cluster(member);
        state.releases.put(Istio.EASTWEST_RELEASE, new DeployedRelease(Istio.EASTWEST_RELEASE, Istio.NAMESPACE,
                "deployed", new ChartRef(Istio.GATEWAY_CHART, "1.30.4"), 1, GatewayValues.withAddressType(
                        Map.of(), GatewayAddressType.IPV4)));
        return state;
    }

    @Test
    void install_whenMultiNetwork_labelsFirstThenReleasesThenGatewayAndARerunWritesNothing() {
        IstioInstallation first = install(MeshMode.MULTI_NETWORK, null);
        List<String> writes = List.copyOf(istio.writes);
        IstioInstallation again = install(MeshMode.MULTI_NETWORK, null);

        assertThat(writes).containsExactly("eks-2: namespace label net-b", "eks-2: install istio-base 1.30.4",
                "eks-2: install istiod 1.30.4", "eks-2: install istio-eastwestgateway 1.30.4", "eks-2: gateway");
        assertThat(first.crossNetworkGateway()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(first.releases()).extracting(ReleaseResult::outcome).containsOnly(ReleaseOutcome.INSTALLED);
        assertThat(istio.writes).isEqualTo(writes);
        assertThat(again.crossNetworkGateway()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(again.releases()).extracting(ReleaseResult::outcome).containsOnly(ReleaseOutcome.UNCHANGED);
        assertThat(istio.open).isZero();
    }

    @Test
    void install_whenSingleNetwork_writesNoGateway() {
        IstioInstallation installed = install(MeshMode.SINGLE_NETWORK, null);

        assertThat(installed.eastWestGateway()).isFalse();
        assertThat(installed.crossNetworkGateway()).isNull();
        assertThat(istio.writes).noneMatch(w -> w.contains("gateway"));
    }

    /** Issue 25: InstallIstio touches this cluster only; the peers' gateways follow in the per-peer Map. */
    @Test
    void install_whenTheMeshNowHoldsBothFamilies_touchesNoPeer() {
        InMemoryIstio.State peer = ipv4Gateway("eks-1");
        istio.cluster("eks-3").unreachable = new Transient("The API server of mesh1/eks-3 did not answer.");

        IstioInstallation installed = install(MeshMode.MULTI_NETWORK, mixedMesh());

        assertThat(installed.gatewayAddressType()).isEqualTo(GatewayAddressType.DUALSTACK);
        assertThat(istio.writes).allMatch(w -> w.startsWith("eks-2: "));
        assertThat(GatewayValues.addressType(peer.releases.get(Istio.EASTWEST_RELEASE).values())).isEqualTo("ipv4");
    }

    /** A member's gateway changed by InstallIstio (a reconcile's rollout, an onboarding again): its record follows. */
    @Test
    void install_whenTheClusterIsAMember_recordsItsGatewayAddressTypeOnce() {
        mesh.register(Member.of(CLUSTER, GatewayAddressType.IPV4));

        install(MeshMode.MULTI_NETWORK, mixedMesh());
        install(MeshMode.MULTI_NETWORK, mixedMesh());

        assertThat(mesh.list("mesh1")).extracting(Member::gatewayAddressType)
                .containsExactly(GatewayAddressType.DUALSTACK);
        assertThat(mesh.gatewayWrites()).isOne();
    }

    @Test
    void install_whenNotAMemberYet_recordsNothing() {
        IstioInstallation installed = install(MeshMode.MULTI_NETWORK, null);

        assertThat(installed.gatewayAddressType()).isEqualTo(GatewayAddressType.DUALSTACK);
        assertThat(mesh.list("mesh1")).isEmpty();
    }
}
