package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.istio.IstioWorkloads.Condition;
import meshonboarder.istio.IstioWorkloads.Pod;
import meshonboarder.istio.IstioWorkloads.Rollout;
import meshonboarder.network.GatewayAddressType;
import meshonboarder.wait.PollPolicy;
import org.junit.jupiter.api.Test;

/**
 * The readiness rules on workloads set by hand, without a cluster (WaitIstioReadyHandlerTest reads the same states from
 * a stand-in API server): istiod available and rolled out, and on multi-network the gateway's address and pods.
 */
class WaitIstioReadyServiceTest {

    private static final Cluster CLUSTER = new Cluster("eks-1", "us-east-1", "mesh1", "net-a",
            "arn:aws:eks:us-east-1:123456789012:cluster/eks-1", Cluster.ACTIVE, null, IpFamily.IPV6, null, null, null,
            false);
    private static final IstioInstallation MULTI_NETWORK = new IstioInstallation("1.30.4", "net-a", true, false,
            List.of(), null, GatewayAddressType.DUALSTACK);
    private static final IstioInstallation SINGLE_NETWORK = new IstioInstallation("1.30.4", "net-a", false, false,
            List.of(), null, null);

    /** istio-system as a map of Deployments, pods and load balancer addresses; counts how often it was opened. */
    private static final class Workloads implements IstioWorkloads {

        final Map<String, Rollout> deployments = new HashMap<>();
        final Map<String, List<Pod>> pods = new HashMap<>();
        final Map<String, List<String>> addresses = new HashMap<>();
        int opened;
        int closed;

        @Override
        public View open(String region, String clusterName) {
            opened++;
            return new View() {
                @Override
                public Optional<Rollout> deployment(String name) {
                    return Optional.ofNullable(deployments.get(name));
                }

                @Override
                public List<Pod> pods(String app) {
                    return pods.getOrDefault(app, List.of());
                }

                @Override
                public List<String> loadBalancerAddresses(String service) {
                    return addresses.getOrDefault(service, List.of());
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }

    private final Workloads workloads = new Workloads();
    private final WaitIstioReadyService service = new WaitIstioReadyService(workloads, new PollPolicy(10, 30));

    private static Rollout rolledOut(int replicas) {
        return new Rollout(1L, 1L, replicas, replicas, replicas, replicas);
    }

    @Test
    void check_whenIstiodAndGatewayReadyWithAnAddress_isReadyAndClosesTheView() {
        workloads.deployments.put("istiod", rolledOut(1));
        workloads.deployments.put("istio-eastwestgateway", rolledOut(2));
        // an ingress without hostname or IP yet comes first: the first real address counts
        workloads.addresses.put("istio-eastwestgateway", Arrays.asList(null, " ", "nlb.example"));

        IstioReadiness ready = service.check(CLUSTER, MULTI_NETWORK, null);

        assertThat(ready.ready()).isTrue();
        assertThat(ready.eastWestAddress()).isEqualTo("nlb.example");
        assertThat(ready.waitingFor()).isEmpty();
        assertThat(workloads.closed).isEqualTo(workloads.opened).isOne();
    }

    @Test
    void check_whenAvailableButNotRolledOut_waitsForTheNewRevision() {
        // after an upgrade: the old pods are available, one of two runs the new template
        workloads.deployments.put("istiod", new Rollout(2L, 2L, 2, 2, 2, 1));

        IstioReadiness waiting = service.check(CLUSTER, SINGLE_NETWORK, null);

        assertThat(waiting.ready()).isFalse();
        assertThat(waiting.istiodAvailable()).isFalse();
        assertThat(waiting.waitingFor()).containsExactly(
                "istiod's latest revision is still rolling out (1 of 2 pods updated)");
    }

    @Test
    void check_whenTheControllerHasNotSeenTheLatestGeneration_waitsForIt() {
        workloads.deployments.put("istiod", new Rollout(3L, null, null, 1, 1, 1));

        assertThat(service.check(CLUSTER, SINGLE_NETWORK, null).waitingFor()).containsExactly(
                "istiod's latest revision is still rolling out (generation 3, its controller has acted on none)");
    }

    @Test
    void check_whenSingleNetwork_readsNoGateway() {
        workloads.deployments.put("istiod", rolledOut(1));

        IstioReadiness ready = service.check(CLUSTER, SINGLE_NETWORK, null);

        assertThat(ready.ready()).isTrue();
        assertThat(ready.loadBalancerAssigned()).isTrue();
        assertThat(ready.gatewayPodsReady()).isTrue();
        assertThat(ready.eastWestAddress()).isNull();
    }

    @Test
    void check_whenIstiodCannotBeScheduled_saysSoUntilTheLimit() {
        workloads.deployments.put("istiod", new Rollout(1L, 1L, 1, null, null, null));
        workloads.pods.put("istiod", List.of(new Pod("Running", List.of()), new Pod("Pending", List.of(
                new Condition("PodScheduled", "False", "0/2 nodes are available")))));

        IstioReadiness check = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            check = service.check(CLUSTER, SINGLE_NETWORK, check);
            assertThat(check.attempt()).isEqualTo(attempt);
        }
        IstioReadiness last = check;

        assertThat(last.waitingFor()).singleElement().asString()
                .contains("cannot be scheduled (0/2 nodes are available)");
        assertThatThrownBy(() -> service.check(CLUSTER, SINGLE_NETWORK, last)).isInstanceOf(WaitTimedOut.class)
                .hasMessageContaining("Gave up after 30 s waiting for Istio on cluster 'eks-1'");
    }

    @Test
    void check_whenNothingIsInstalled_namesTheMissingDeploymentAndTheGateway() {
        IstioReadiness waiting = service.check(CLUSTER, MULTI_NETWORK, null);

        assertThat(waiting.waitingFor()).containsExactly("istiod is not installed (its Deployment is missing)",
                "the east-west gateway's load balancer has no hostname or IP yet (the AWS Load Balancer Controller "
                        + "assigns one)", "no east-west gateway pod is ready");
    }
}
