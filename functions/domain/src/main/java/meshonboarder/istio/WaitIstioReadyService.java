package meshonboarder.istio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meshonboarder.cluster.Cluster;
import meshonboarder.istio.IstioWorkloads.Rollout;
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
public final class WaitIstioReadyService {

    private static final Logger LOG = LoggerFactory.getLogger(WaitIstioReadyService.class);

    private final IstioWorkloads workloads;
    private final PollPolicy poll;

    public WaitIstioReadyService(IstioWorkloads workloads, PollPolicy poll) {
        this.workloads = workloads;
        this.poll = poll;
    }

    public IstioReadiness check(Cluster cluster, IstioInstallation istio, IstioReadiness previous) {
        Look look;
        try (IstioWorkloads.View view = workloads.open(cluster.region(), cluster.clusterName())) {
            look = look(view, istio.eastWestGateway());
        }
        WaitCheck.Attempt attempt = poll.check(previous, look.waitingFor().isEmpty(), cluster.ref(),
                () -> "Istio on cluster '" + cluster.clusterName() + "': " + String.join("; ", look.waitingFor()));
        if (attempt.ready()) {
            LOG.info("Istio is ready{}",
                    look.address() == null ? "" : ", east-west gateway at " + look.address());
        }
        return look.toReadiness(attempt);
    }

    private static Look look(IstioWorkloads.View view, boolean eastWestGateway) {
        List<String> waitingFor = new ArrayList<>();
        Optional<Rollout> istiodDeployment = view.deployment(Istio.ISTIOD_DEPLOYMENT);
        boolean istiod = istiodDeployment.filter(d -> positive(d.availableReplicas())).isPresent();
        if (!istiod) {
            waitingFor.add(istiodProblem(view, istiodDeployment.isPresent()));
        } else if (!rolledOut(istiodDeployment.get())) {
            istiod = false;
            waitingFor.add(rollingOut("istiod", istiodDeployment.get()));
        }
        boolean loadBalancer = true;
        boolean gatewayPods = true;
        String address = null;
        if (eastWestGateway) {
            address = view.loadBalancerAddresses(Istio.EASTWEST_RELEASE).stream()
                    .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
            loadBalancer = address != null;
            if (!loadBalancer) {
                waitingFor.add("the east-west gateway's load balancer has no hostname or IP yet (the AWS Load "
                        + "Balancer Controller assigns one)");
            }
            Optional<Rollout> gateway = view.deployment(Istio.EASTWEST_RELEASE);
            gatewayPods = gateway.filter(d -> positive(d.readyReplicas())).isPresent();
            if (!gatewayPods) {
                waitingFor.add("no east-west gateway pod is ready");
            } else if (!rolledOut(gateway.get())) {
                gatewayPods = false;
                waitingFor.add(rollingOut("the east-west gateway", gateway.get()));
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

    /**
     * The Deployment's latest revision is rolled out, as {@code kubectl rollout status} waits for it: its controller has
     * seen the latest generation and every replica runs the latest pod template. After an upgrade the old pods stay
     * available while the new ones start, so availability alone would pass before the upgrade took effect (the
     * reconciler's rollout gates each member on this). Kubernetes omits a zero {@code updatedReplicas}.
     */
    private static boolean rolledOut(Rollout deployment) {
        Long generation = deployment.generation();
        Long observed = deployment.observedGeneration();
        Integer updated = deployment.updatedReplicas();
        return (generation == null || observed != null && observed >= generation)
                && (updated == null ? 0 : updated) >= replicas(deployment);
    }

    private static String rollingOut(String what, Rollout deployment) {
        Long generation = deployment.generation();
        Long observed = deployment.observedGeneration();
        if (generation != null && (observed == null || observed < generation)) {
            // the counts still describe the previous revision
            return what + "'s latest revision is still rolling out (generation " + generation + ", its controller "
                    + "has acted on " + (observed == null ? "none" : observed) + ")";
        }
        Integer updated = deployment.updatedReplicas();
        return what + "'s latest revision is still rolling out (" + (updated == null ? 0 : updated) + " of "
                + replicas(deployment) + " pods updated)";
    }

    /** Kubernetes' default: one replica when the spec names none. */
    private static int replicas(Rollout deployment) {
        return deployment.replicas() == null ? 1 : deployment.replicas();
    }

    /** Why istiod is not available, as precisely as the pods tell: no nodes is the usual reason on a new cluster. */
    private static String istiodProblem(IstioWorkloads.View view, boolean installed) {
        if (!installed) {
            return "istiod is not installed (its Deployment is missing)";
        }
        Optional<String> unschedulable = view.pods("istiod").stream()
                .filter(p -> "Pending".equals(p.phase()))
                .flatMap(p -> p.conditions().stream())
                .filter(c -> "PodScheduled".equals(c.type()) && "False".equals(c.status()))
                .map(IstioWorkloads.Condition::message)
                .findFirst();
        if (unschedulable.isPresent()) {
            return "istiod's pods are Pending and cannot be scheduled (" + unschedulable.get()
                    + "): the cluster has no node that can run them yet; add a node group or Fargate profile, or "
                    + "wait for its nodes to join";
        }
        return "istiod has no available replica yet";
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
    }
}
