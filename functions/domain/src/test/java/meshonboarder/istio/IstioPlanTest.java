package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.settings.MeshMode;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** What each release is installed with, per IP family and mesh mode (the table in docs/design.md, "Istio values per IP family and mesh mode"). */
class IstioPlanTest {

    private static final IstioSettings SETTINGS = new IstioSettings("1.30.4",
            new ChartRepository(ChartRepository.Kind.HTTP, ChartRepository.ISTIO_RELEASES), false,
            LoadBalancerScheme.INTERNAL, Optional.empty());

    private static Cluster cluster(IpFamily family) {
        return new Cluster("eks-2", "eu-west-1", "mesh1", "net-2", "arn:aws:eks:eu-west-1:123456789012:cluster/eks-2",
                "ACTIVE", "https://eks-2.example", family, "vpc-2", "1.33", "API", false);
    }

    @Test
    void releases_whenMultiNetwork_areBaseIstiodEastWestInOrder() {
        List<ReleaseRequest> plan = IstioPlan.releases(cluster(IpFamily.IPV4), MeshMode.MULTI_NETWORK, SETTINGS,
                UserValues.none(), GatewayAddressType.IPV4);

        assertThat(plan).extracting(ReleaseRequest::release).containsExactly("istio-base", "istiod",
                "istio-eastwestgateway");
        assertThat(plan).extracting(r -> r.chart().toString()).containsExactly("base-1.30.4", "istiod-1.30.4",
                "gateway-1.30.4");
        assertThat(plan).extracting(ReleaseRequest::namespace).containsOnly("istio-system");
        assertThat(plan.get(0).values()).isEmpty();
    }

    @Test
    void releases_whenSingleNetworkWithIngress_haveNoEastWestGateway() {
        IstioSettings withIngress = new IstioSettings("1.30.4", SETTINGS.repository(), true, LoadBalancerScheme.INTERNAL,
                Optional.empty());

        List<ReleaseRequest> plan = IstioPlan.releases(cluster(IpFamily.IPV6), MeshMode.SINGLE_NETWORK, withIngress,
                UserValues.none(), GatewayAddressType.IPV4);

        assertThat(plan).extracting(ReleaseRequest::release).containsExactly("istio-base", "istiod",
                "istio-ingressgateway");
    }

    @Test
    void istiodValues_whenIpv4_nameTheMemberAndPinIpv4() {
        assertThat(IstiodValues.desired(cluster(IpFamily.IPV4))).isEqualTo(Map.of(
                "global", Map.of("meshID", "mesh1", "multiCluster", Map.of("clusterName", "eks-2"), "network", "net-2"),
                "env", Map.of("AUTO_RELOAD_PLUGIN_CERTS", "true"),
                "ipFamilyPolicy", "SingleStack",
                "ipFamilies", List.of("IPv4")));
    }

    @Test
    void istiodValues_whenIpv6_pinIpv6() {
        assertThat(IstiodValues.desired(cluster(IpFamily.IPV6)))
                .containsEntry("ipFamilyPolicy", "SingleStack")
                .containsEntry("ipFamilies", List.of("IPv6"));
    }

    @Test
    void eastWestValues_whenIpv6_areNetworkGatewayBehindADualStackNlbWithOnlyTheMultiPrimaryPorts() {
        assertThat(GatewayValues.eastWest(cluster(IpFamily.IPV6), LoadBalancerScheme.INTERNET_FACING,
                GatewayAddressType.DUALSTACK)).isEqualTo(Map.of(
                "labels", Map.of("topology.istio.io/network", "net-2"),
                "env", Map.of("ISTIO_META_REQUESTED_NETWORK_VIEW", "net-2"),
                "service", Map.of(
                        "annotations", Map.of(
                                "service.beta.kubernetes.io/aws-load-balancer-type", "external",
                                "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip",
                                "service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing",
                                "service.beta.kubernetes.io/aws-load-balancer-ip-address-type", "dualstack"),
                        "ipFamilyPolicy", "SingleStack",
                        "ipFamilies", List.of("IPv6"),
                        // multi-primary: 15443 (istio/istio samples/multicluster/expose-services.yaml) and the
                        // status port; not 15012 or 15017, which only primary-remote needs
                        "ports", List.of(
                                Map.of("name", "status-port", "port", 15021, "protocol", "TCP", "targetPort", 15021),
                                Map.of("name", "tls", "port", 15443, "protocol", "TCP", "targetPort", 15443)))));
    }

    @Test
    void eastWestValues_whenIpv4MeshOfOneFamily_askForAnIpv4Nlb() {
        assertThat(GatewayValues.eastWest(cluster(IpFamily.IPV4), LoadBalancerScheme.INTERNET_FACING,
                GatewayAddressType.IPV4))
                .extractingByKey("service").asInstanceOf(InstanceOfAssertFactories.MAP)
                .extractingByKey("annotations").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ip-address-type", "ipv4");
    }

    @Test
    void withAddressType_whenGatewayValues_changesOnlyTheAddressType() {
        Map<String, Object> ipv4 = GatewayValues.eastWest(cluster(IpFamily.IPV4), LoadBalancerScheme.INTERNAL,
                GatewayAddressType.IPV4);

        Map<String, Object> dualstack = GatewayValues.withAddressType(ipv4, GatewayAddressType.DUALSTACK);

        assertThat(dualstack).isEqualTo(GatewayValues.eastWest(cluster(IpFamily.IPV4), LoadBalancerScheme.INTERNAL,
                GatewayAddressType.DUALSTACK));
        assertThat(GatewayValues.addressType(dualstack)).isEqualTo("dualstack");
        assertThat(GatewayValues.addressType(Map.of())).isNull();
    }

    @Test
    void ingressValues_whenIpv4_areInternalUntilTheUserSaysOtherwise() {
        assertThat(GatewayValues.ingress(cluster(IpFamily.IPV4)))
                .extractingByKey("service").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("ipFamilies", List.of("IPv4"))
                .extractingByKey("annotations").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ip-address-type", "ipv4");
    }

    @Test
    void releases_whenUserValues_mergeThemOverOursPerRelease() {
        UserValues user = UserValues.of(Map.of(
                "istiod", Map.of("env", Map.of("PILOT_ENABLE_AMBIENT", "false"), "global", Map.of("hub", "ecr.example/istio")),
                "istio-eastwestgateway", Map.of("service", Map.of("annotations",
                        Map.of("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")))), "test");

        List<ReleaseRequest> plan = IstioPlan.releases(cluster(IpFamily.IPV4), MeshMode.MULTI_NETWORK, SETTINGS, user,
                GatewayAddressType.DUALSTACK);

        Map<String, Object> istiod = plan.get(1).values();
        assertThat(istiod).extractingByKey("env").isEqualTo(Map.of("AUTO_RELOAD_PLUGIN_CERTS", "true",
                "PILOT_ENABLE_AMBIENT", "false"));
        assertThat(istiod).extractingByKey("global").isEqualTo(Map.of("meshID", "mesh1",
                "multiCluster", Map.of("clusterName", "eks-2"), "network", "net-2", "hub", "ecr.example/istio"));
        assertThat(plan.get(2).values()).extractingByKey("service")
                .asInstanceOf(InstanceOfAssertFactories.MAP).extractingByKey("annotations")
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ip-address-type", "dualstack");
    }
}
