package meshonboarder.cni;

import static meshonboarder.cluster.IpFamily.IPV4;
import static meshonboarder.cluster.IpFamily.IPV6;
import static meshonboarder.settings.MeshMode.MULTI_NETWORK;
import static meshonboarder.settings.MeshMode.SINGLE_NETWORK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.EgressDecision.ClusterFamily;
import meshonboarder.cni.EgressDecision.Plan;
import meshonboarder.settings.MeshMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EgressDecisionTest {

    private static final Set<Egress> NONE = Set.of();
    private static final Set<Egress> V4 = Set.of(Egress.V4);
    private static final Set<Egress> V6 = Set.of(Egress.V6);

    private static final ClusterFamily NEW4 = new ClusterFamily("new", "us-east-1", IPV4);
    private static final ClusterFamily NEW6 = new ClusterFamily("new", "us-east-1", IPV6);
    private static final ClusterFamily PEER4 = new ClusterFamily("peer4", "eu-west-1", IPV4);
    private static final ClusterFamily PEER6 = new ClusterFamily("peer6", "us-east-1", IPV6);

    /** {mode} x {new cluster's family} x {no peer, IPv4 peers, IPv6 peers, both}: what each considered cluster needs. */
    static Stream<Arguments> everyCombination() {
        return Stream.of(
                // single network: pods talk directly, so peers are considered too
                row(SINGLE_NETWORK, IPV4, List.of(), Map.of("new", NONE)),
                row(SINGLE_NETWORK, IPV4, List.of(PEER4), Map.of("new", NONE, "peer4", NONE)),
                row(SINGLE_NETWORK, IPV4, List.of(PEER6), Map.of("new", V6, "peer6", V4)),
                row(SINGLE_NETWORK, IPV4, List.of(PEER4, PEER6), Map.of("new", V6, "peer4", V6, "peer6", V4)),
                row(SINGLE_NETWORK, IPV6, List.of(), Map.of("new", NONE)),
                row(SINGLE_NETWORK, IPV6, List.of(PEER4), Map.of("new", V4, "peer4", V6)),
                row(SINGLE_NETWORK, IPV6, List.of(PEER6), Map.of("new", V4, "peer6", V4)),
                row(SINGLE_NETWORK, IPV6, List.of(PEER4, PEER6), Map.of("new", V4, "peer4", V6, "peer6", V4)),
                // multi-network: defaults kept; only the new cluster's istiod reaching the peers' API servers counts
                row(MULTI_NETWORK, IPV4, List.of(), Map.of("new", NONE)),
                row(MULTI_NETWORK, IPV4, List.of(PEER4), Map.of("new", NONE)),
                row(MULTI_NETWORK, IPV4, List.of(PEER6), Map.of("new", NONE)),
                row(MULTI_NETWORK, IPV4, List.of(PEER4, PEER6), Map.of("new", NONE)),
                row(MULTI_NETWORK, IPV6, List.of(), Map.of("new", NONE)),
                row(MULTI_NETWORK, IPV6, List.of(PEER4), Map.of("new", V4)),
                row(MULTI_NETWORK, IPV6, List.of(PEER6), Map.of("new", V4)),
                row(MULTI_NETWORK, IPV6, List.of(PEER4, PEER6), Map.of("new", V4)));
    }

    private static Arguments row(MeshMode mode, IpFamily family, List<ClusterFamily> peers,
                                 Map<String, Set<Egress>> expected) {
        return Arguments.of(mode, family, peers, expected);
    }

    @ParameterizedTest(name = "{0}, new {1}, peers {2}")
    @MethodSource("everyCombination")
    void decide_whenModeAndFamilies_needsExactlyTheBridges(MeshMode mode, IpFamily family, List<ClusterFamily> peers,
                                                            Map<String, Set<Egress>> expected) {
        List<Plan> plans = EgressDecision.decide(mode, family == IPV4 ? NEW4 : NEW6, peers);

        Map<String, Set<Egress>> needs = new LinkedHashMap<>();
        plans.forEach(p -> needs.put(p.cluster().clusterName(), p.needs()));
        assertThat(needs).isEqualTo(expected);
        assertThat(plans.get(0).peer()).isFalse();
        assertThat(plans.subList(1, plans.size())).allMatch(Plan::peer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCombination")
    void decide_whenAnyCombination_putsTheNewClusterFirstAndPeersInOrder(MeshMode mode, IpFamily family,
                                                                       List<ClusterFamily> peers,
                                                                       Map<String, Set<Egress>> expected) {
        List<Plan> plans = EgressDecision.decide(mode, family == IPV4 ? NEW4 : NEW6, peers);

        List<ClusterFamily> expectedOrder = Stream.concat(Stream.of(family == IPV4 ? NEW4 : NEW6),
                mode == SINGLE_NETWORK ? peers.stream() : Stream.empty()).toList();
        assertThat(plans).extracting(Plan::cluster).containsExactlyElementsOf(expectedOrder);
    }
}
