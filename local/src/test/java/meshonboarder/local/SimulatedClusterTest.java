package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.IpFamily;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in AWS Load Balancer Controller refuses what AWS refuses. Its turns are driven here by hand
 * ({@code reconcileQuietly()}), with no delay, so nothing waits on the clock.
 */
class SimulatedClusterTest {

    private final SimulatedCluster cluster = new SimulatedCluster("eks-1", IpFamily.IPV4,
            new SimulatedCluster.Behaviour(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));

    @AfterEach
    void close() {
        cluster.close();
    }

    private Service gateway(String addressType) {
        return cluster.client().services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("istio-eastwestgateway").withNamespace("istio-system").addToAnnotations(Map.of(
                        "service.beta.kubernetes.io/aws-load-balancer-type", "external",
                        "service.beta.kubernetes.io/aws-load-balancer-ip-address-type", addressType))
                .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withName("tls").withPort(15443)
                .endPort().endSpec().build()).create();
    }

    private boolean hasAddress() {
        for (int turn = 0; turn < 20; turn++) {
            cluster.reconcileQuietly(); // as its loop does: a turn that loses a write race retries on the next
        }
        Service s = cluster.client().services().inNamespace("istio-system").withName("istio-eastwestgateway").get();
        return s.getStatus() != null && s.getStatus().getLoadBalancer() != null
                && s.getStatus().getLoadBalancer().getIngress() != null
                && !s.getStatus().getLoadBalancer().getIngress().isEmpty();
    }

    @Test
    void reconcile_whenControllerInstalledAndAwsAccepts_givesTheServiceAnAddress() {
        gateway("ipv4");

        assertThat(hasAddress()).isTrue();
    }

    /** {@code aws-load-balancer-type: external} is served by the AWS Load Balancer Controller alone. */
    @Test
    void reconcile_whenNoLoadBalancerController_neverGivesAnAddress() {
        cluster.removeLoadBalancerController();
        gateway("ipv4");

        assertThat(hasAddress()).isFalse();
    }

    /**
     * A dualstack NLB needs IPv6 CIDRs on its VPC and subnets (ELB docs, "Update the IP address types for your
     * Network Load Balancer"); the controller then records a Warning Event on the Service and makes nothing.
     */
    @Test
    void reconcile_whenAwsRefusesTheNlb_givesNoAddressAndWarnsOnceOnTheService() {
        cluster.placeLoadBalancers(s -> Optional.of("You must specify subnets with an associated IPv6 CIDR block"));
        gateway("dualstack");

        assertThat(hasAddress()).isFalse();
        assertThat(cluster.warnings("istio-system", "istio-eastwestgateway")).containsExactly(
                "FailedDeployModel: Failed deploy model due to ValidationError: You must specify subnets with an "
                        + "associated IPv6 CIDR block");
    }
}
