package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.istio.ChartRepository;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioPlan;
import meshonboarder.istio.IstioSettings;
import meshonboarder.istio.LoadBalancerScheme;
import meshonboarder.istio.ReleaseRequest;
import meshonboarder.istio.UserValues;
import meshonboarder.mesh.Member;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.api.Test;

class CheckIstioServiceTest {

    private static final Member A = member("eks-1", IpFamily.IPV4);
    private static final Member B = member("eks-2", IpFamily.IPV6);
    private static final Member C = member("eks-3", IpFamily.IPV4);

    private static Member member(String name, IpFamily family) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name, family,
                "net-" + name);
    }

    private static IstioSettings settings(String version) {
        return new IstioSettings(version, new ChartRepository(ChartRepository.Kind.HTTP, ChartRepository.ISTIO_RELEASES),
                false, LoadBalancerScheme.INTERNET_FACING, Optional.empty());
    }

    /** Helm's records per member, and the reads made. */
    private final Map<String, Map<String, DeployedRelease>> clusters = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private final IstioReleases releases = member -> {
        reads.add(member.clusterName());
        if (!clusters.containsKey(member.clusterName())) {
            throw new Transient("the API server of " + member.clusterName() + " did not answer");
        }
        return clusters.get(member.clusterName());
    };

    /** What InstallIstio installed at this version for a mesh whose gateways have this address type. */
    private void installed(Member member, String version, GatewayAddressType addressType) {
        Map<String, DeployedRelease> deployed = new HashMap<>();
        var cluster = new Cluster(member.clusterName(), member.region(), "mesh1", member.network(),
                member.clusterArn(), "ACTIVE", null, member.ipFamily(), null, null, null, false);
        for (ReleaseRequest r : IstioPlan.releases(cluster, MeshMode.MULTI_NETWORK, settings(version), UserValues.none(),
                addressType)) {
            deployed.put(r.release(), new DeployedRelease(r.release(), r.namespace(), "deployed", r.chart(), 1, r.values()));
        }
        clusters.put(member.clusterName(), deployed);
    }

    private IstioCheck check(String version, Member... members) {
        return new CheckIstioService(releases, settings(version), MeshMode.MULTI_NETWORK, UserValues::none)
                .check(new Membership("mesh1", List.of(members), List.of(), 10));
    }

    @Test
    void check_whenEveryMemberMatches_upgradesNothingWithOneReadPerMember() {
        installed(A, "1.30.4", GatewayAddressType.DUALSTACK);
        installed(B, "1.30.4", GatewayAddressType.DUALSTACK);

        IstioCheck check = check("1.30.4", A, B);

        assertThat(check.upgrades()).isEmpty();
        assertThat(check.refused()).isEmpty();
        assertThat(check.checked()).isEqualTo(2);
        assertThat(reads).containsExactly("eks-1", "eks-2");
    }

    @Test
    void check_whenVersionBumpedOneMinor_upgradesEveryMemberInMembershipOrder() {
        installed(A, "1.30.4", GatewayAddressType.DUALSTACK);
        installed(B, "1.30.4", GatewayAddressType.DUALSTACK);
        installed(C, "1.30.4", GatewayAddressType.DUALSTACK);

        IstioCheck check = check("1.31.0", A, B, C);

        assertThat(check.upgrades()).extracting(u -> u.cluster().clusterName()).containsExactly("eks-1", "eks-2", "eks-3");
        IstioCheck.Upgrade first = check.upgrades().get(0);
        assertThat(first.from()).isEqualTo("1.30.4");
        assertThat(first.drift()).containsExactly("istio-base 1.30.4 -> 1.31.0", "istiod 1.30.4 -> 1.31.0",
                "istio-eastwestgateway 1.30.4 -> 1.31.0");
        // what InstallIstio reads: the member as a cluster, the mesh's gateway type, no peers to follow
        assertThat(first.cluster().meshId()).isEqualTo("mesh1");
        assertThat(first.cluster().ipFamily()).isEqualTo(IpFamily.IPV4);
        assertThat(first.network().gatewayAddressType()).isEqualTo(GatewayAddressType.DUALSTACK);
        assertThat(first.network().members()).isEmpty();
    }

    @Test
    void check_whenVersionSkipsAMinor_refusesTheMemberAndUpgradesNothing() {
        installed(A, "1.30.4", GatewayAddressType.IPV4);
        installed(C, "1.31.2", GatewayAddressType.IPV4);

        IstioCheck check = check("1.32.0", A, C);

        assertThat(check.refused()).singleElement().satisfies(r -> {
            assertThat(r.clusterName()).isEqualTo("eks-1");
            assertThat(r.error()).isEqualTo("meshonboarder.errors.IstioMinorSkipped");
            assertThat(r.reason()).contains("Upgrade through 1.31 first");
        });
        // the member already on the previous minor may take its step
        assertThat(check.upgrades()).extracting(u -> u.cluster().clusterName()).containsExactly("eks-3");
    }

    @Test
    void check_whenVersionIsOlder_refusesTheDowngrade() {
        installed(A, "1.31.0", GatewayAddressType.IPV4);

        IstioCheck check = check("1.30.4", A);

        assertThat(check.upgrades()).isEmpty();
        assertThat(check.refused()).singleElement().extracting(IstioCheck.Refusal::error)
                .isEqualTo("meshonboarder.errors.IstioDowngradeRefused");
    }

    @Test
    void check_whenVersionIsAKnownBadRelease_refusesEveryMemberItWouldUpgrade() {
        installed(A, "1.30.2", GatewayAddressType.IPV4);
        installed(C, "1.30.3", GatewayAddressType.IPV4);

        IstioCheck check = check("1.30.3", A, C);

        // a rollout onto 1.30.3 would write: refused before it; the member already on it has nothing to write
        assertThat(check.upgrades()).isEmpty();
        assertThat(check.refused()).singleElement().satisfies(r -> {
            assertThat(r.clusterName()).isEqualTo("eks-1");
            assertThat(r.error()).isEqualTo("meshonboarder.errors.IstioReleaseKnownBad");
            assertThat(r.reason()).contains("istio/istio#61043").contains("Set IstioVersion to 1.30.4 or newer");
        });
    }

    /**
     * eks-1 kept the ipv4 gateway of an IPv4-only mesh after eks-2 made it mixed (switched back by hand, or its
     * onboarding was cut off before RecheckNetwork). The mesh holds both families, so the check puts it on the rollout.
     */
    @Test
    void check_whenGatewayKeptIpv4InAMixedMesh_upgradesItsValuesToDualstack() {
        installed(A, "1.30.4", GatewayAddressType.IPV4);
        installed(B, "1.30.4", GatewayAddressType.DUALSTACK);

        IstioCheck check = check("1.30.4", A, B);

        assertThat(check.upgrades()).singleElement().satisfies(u -> {
            assertThat(u.cluster().clusterName()).isEqualTo("eks-1");
            assertThat(u.drift()).containsExactly("istio-eastwestgateway NLB ipv4 -> dualstack");
            assertThat(u.network().gatewayAddressType()).isEqualTo(GatewayAddressType.DUALSTACK);
        });
    }

    @Test
    void check_whenValuesChangedOrReleaseMissing_namesEach() {
        installed(A, "1.30.4", GatewayAddressType.IPV4);
        Map<String, DeployedRelease> deployed = new HashMap<>(clusters.get("eks-1"));
        DeployedRelease istiod = deployed.get(Istio.ISTIOD_RELEASE);
        deployed.put(Istio.ISTIOD_RELEASE, new DeployedRelease(istiod.release(), istiod.namespace(), "deployed",
                istiod.chart(), 2, Map.of("pilot", Map.of("autoscaleMax", 9))));
        deployed.remove(Istio.EASTWEST_RELEASE);
        clusters.put("eks-1", deployed);

        assertThat(check("1.30.4", A).upgrades()).singleElement().extracting(IstioCheck.Upgrade::drift)
                .isEqualTo(List.of("istiod values", "istio-eastwestgateway not installed"));
    }

    @Test
    void check_whenAMemberCannotBeRead_reportsItAndChecksTheOthers() {
        installed(C, "1.30.4", GatewayAddressType.IPV4);

        IstioCheck check = check("1.31.0", A, C);

        assertThat(check.unreadable()).singleElement().extracting(RemoteSecretsCheck.Unreachable::clusterName)
                .isEqualTo("eks-1");
        assertThat(check.upgrades()).extracting(u -> u.cluster().clusterName()).containsExactly("eks-3");
    }

    @Test
    void check_whenUserValuesBroken_failsBeforeReadingAnyMember() {
        CheckIstioService service = new CheckIstioService(releases, settings("1.30.4"), MeshMode.MULTI_NETWORK, () -> {
            throw new InvalidInput("The Istio values document is not a map.");
        });

        assertThatThrownBy(() -> service.check(new Membership("mesh1", List.of(A), List.of(), 10)))
                .isInstanceOf(InvalidInput.class);
        assertThat(reads).isEmpty();
    }

    /** A run upgrades at most UPGRADES_PER_RUN members (the history quota); the rest are named for the next run. */
    @Test
    void check_whenMoreDriftThanOneRunUpgrades_defersTheRestInRolloutOrder() {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= ReconcileBounds.UPGRADES_PER_RUN + 2; i++) {
            Member m = member(String.format("eks-%02d", i), IpFamily.IPV4);
            installed(m, "1.30.4", GatewayAddressType.IPV4);
            members.add(m);
        }

        IstioCheck check = check("1.31.0", members.toArray(Member[]::new));

        assertThat(check.upgrades()).hasSize(ReconcileBounds.UPGRADES_PER_RUN);
        assertThat(check.upgrades().get(0).cluster().clusterName()).isEqualTo("eks-01");
        assertThat(check.deferred()).containsExactly("eks-21", "eks-22");
        assertThat(check.checked()).isEqualTo(22);
        assertThat(reads).hasSize(22);
    }
}
