package meshonboarder.kubernetes.istio;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.Istio;
import meshonboarder.istio.IstioInstallation;
import meshonboarder.istio.IstioReadiness;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.wait.PollPolicy;
import meshonboarder.wait.WaitCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code WaitIstioReady} step: one look at istiod and the east-west gateway; Step Functions loops until
 * they are ready. Ready means what the mesh needs before remote secrets are exchanged: istiod available, and
 * on multi-network the east-west gateway's NLB address assigned (what the recipe's check-lb-readiness
 * script waits for) and its pods ready.
 */
public final class IstioReadinessService {

    private static final Logger LOG = LoggerFactory.getLogger(IstioReadinessService.class);

    private final ClusterConnector connector;
    private final PollPolicy poll;

    public IstioReadinessService(ClusterConnector connector, PollPolicy poll) {
        this.connector = connector;
        this.poll = poll;
    }

    public IstioReadiness check(Cluster cluster, IstioInstallation istio, IstioReadiness previous) {
        Look look;
        try (KubernetesClient client = connector.connect(cluster.region(), cluster.clusterName())) {
            look = look(client, istio.eastWestGateway());
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading Istio's state in cluster '" + cluster.clusterName() + "'");
        }
        WaitCheck.Attempt attempt = poll.check(previous, look.waitingFor().isEmpty(), cluster.ref(),
                () -> "Istio on cluster '" + cluster.clusterName() + "': " + String.join("; ", look.waitingFor()));
        if (attempt.ready()) {
            LOG.info("Istio is ready{}",
                    look.address() == null ? "" : ", east-west gateway at " + look.address());
        }
        return look.toReadiness(attempt);
    }

    private static Look look(KubernetesClient client, boolean eastWestGateway) {
        List<String> waitingFor = new ArrayList<>();
        Deployment istiodDeployment = deployment(client, Istio.ISTIOD_DEPLOYMENT);
        boolean istiod = available(istiodDeployment);
        if (!istiod) {
            waitingFor.add(istiodProblem(client));
        } else if (!rolledOut(istiodDeployment)) {
            istiod = false;
            waitingFor.add(rollingOut("istiod", istiodDeployment));
        }
        boolean loadBalancer = true;
        boolean gatewayPods = true;
        String address = null;
        if (eastWestGateway) {
            address = loadBalancerAddress(client.services().inNamespace(Istio.NAMESPACE)
                    .withName(Istio.EASTWEST_RELEASE).get()).orElse(null);
            loadBalancer = address != null;
            if (!loadBalancer) {
                waitingFor.add("the east-west gateway's load balancer has no hostname or IP yet (the AWS Load "
                        + "Balancer Controller assigns one)");
            }
            Deployment gateway = deployment(client, Istio.EASTWEST_RELEASE);
            gatewayPods = gateway != null && gateway.getStatus() != null
                    && positive(gateway.getStatus().getReadyReplicas());
            if (!gatewayPods) {
                waitingFor.add("no east-west gateway pod is ready");
            } else if (!rolledOut(gateway)) {
                gatewayPods = false;
                waitingFor.add(rollingOut("the east-west gateway", gateway));
            }
        }
        return new Look(istiod, loadBalancer, gatewayPods, address, waitingFor);
    }

    private record Look(boolean istiod, boolean loadBalancer, boolean gatewayPods, String address,
                        List<String> waitingFor) {

        IstioReadiness toReadiness(WaitCheck.Attempt attempt) {
            return new IstioReadiness(attempt.ready(), attempt.attempt(), attempt.waitSeconds(), istiod, loadBalancer,
                    gatewayPods, address, waitingFor);
        }
    }

    private static Deployment deployment(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(Istio.NAMESPACE).withName(name).get();
    }

    private static boolean available(Deployment deployment) {
        return deployment != null && deployment.getStatus() != null
                && positive(deployment.getStatus().getAvailableReplicas());
    }

    /**
     * The Deployment's latest revision is rolled out, as {@code kubectl rollout status} waits for it: its controller has
     * seen the latest generation and every replica runs the latest pod template. After an upgrade the old pods stay
     * available while the new ones start, so availability alone would pass before the upgrade took effect (the
     * reconciler's rollout gates each member on this). Kubernetes omits a zero {@code updatedReplicas}.
     */
    private static boolean rolledOut(Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus().getObservedGeneration();
        Integer updated = deployment.getStatus().getUpdatedReplicas();
        return (generation == null || observed != null && observed >= generation)
                && (updated == null ? 0 : updated) >= replicas(deployment);
    }

    private static String rollingOut(String what, Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus().getObservedGeneration();
        if (generation != null && (observed == null || observed < generation)) {
            // the counts still describe the previous revision
            return what + "'s latest revision is still rolling out (generation " + generation + ", its controller "
                    + "has acted on " + (observed == null ? "none" : observed) + ")";
        }
        Integer updated = deployment.getStatus().getUpdatedReplicas();
        return what + "'s latest revision is still rolling out (" + (updated == null ? 0 : updated) + " of "
                + replicas(deployment) + " pods updated)";
    }

    private static int replicas(Deployment deployment) {
        return deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1
                : deployment.getSpec().getReplicas();
    }

    /** Why istiod is not available, as precisely as the pods tell: no nodes is the usual reason on a new cluster. */
    private static String istiodProblem(KubernetesClient client) {
        if (deployment(client, Istio.ISTIOD_DEPLOYMENT) == null) {
            return "istiod is not installed (its Deployment is missing)";
        }
        List<Pod> pods = client.pods().inNamespace(Istio.NAMESPACE).withLabel("app", "istiod").list().getItems();
        Optional<String> unschedulable = pods.stream()
                .filter(p -> p.getStatus() != null && "Pending".equals(p.getStatus().getPhase()))
                .flatMap(p -> p.getStatus().getConditions().stream())
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getMessage)
                .findFirst();
        if (unschedulable.isPresent()) {
            return "istiod's pods are Pending and cannot be scheduled (" + unschedulable.get()
                    + "): the cluster has no node that can run them yet; add a node group or Fargate profile, or "
                    + "wait for its nodes to join";
        }
        return "istiod has no available replica yet";
    }

    private static Optional<String> loadBalancerAddress(Service service) {
        if (service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null) {
            return Optional.empty();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(IstioReadinessService::address)
                .filter(a -> a != null && !a.isBlank())
                .findFirst();
    }

    private static String address(LoadBalancerIngress ingress) {
        return ingress.getHostname() != null ? ingress.getHostname() : ingress.getIp();
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
    }
}
