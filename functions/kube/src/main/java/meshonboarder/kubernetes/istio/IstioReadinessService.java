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
import meshonboarder.kubernetes.ClusterAccess;
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

    private final ClusterAccess access;
    private final PollPolicy poll;

    public IstioReadinessService(ClusterAccess access, PollPolicy poll) {
        this.access = access;
        this.poll = poll;
    }

    public IstioReadiness check(Cluster cluster, IstioInstallation istio, IstioReadiness previous) {
        Look look;
        try (KubernetesClient client = access.connect(cluster.region(), cluster.clusterName())) {
            look = look(client, istio.eastWestGateway());
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading Istio's state in cluster '" + cluster.clusterName() + "'");
        }
        WaitCheck.Attempt attempt = poll.check(previous, look.waitingFor().isEmpty(), cluster.ref(),
                () -> "Istio on cluster '" + cluster.clusterName() + "': " + String.join("; ", look.waitingFor()));
        if (attempt.ready()) {
            LOG.info("[{}] Istio is ready{}", cluster.ref(),
                    look.address() == null ? "" : ", east-west gateway at " + look.address());
        }
        return look.toReadiness(attempt);
    }

    private static Look look(KubernetesClient client, boolean eastWestGateway) {
        List<String> waitingFor = new ArrayList<>();
        boolean istiod = available(deployment(client, Istio.ISTIOD_DEPLOYMENT));
        if (!istiod) {
            waitingFor.add(istiodProblem(client));
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
