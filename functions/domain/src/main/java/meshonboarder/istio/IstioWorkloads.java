package meshonboarder.istio;

import java.util.List;
import java.util.Optional;

/**
 * Port: Istio's workloads on one cluster as WaitIstioReady reads them, read-only (on Kubernetes: Deployments, pods
 * and the east-west gateway's Service in {@code istio-system}). One connection per check: {@link #open}, read, close.
 */
public interface IstioWorkloads {

    /** The cluster's {@code istio-system}, connected as mesh-onboarder; the caller closes it. */
    View open(String region, String clusterName);

    /** One cluster's {@code istio-system}, read as it is now. */
    interface View extends AutoCloseable {

        /** The Deployment's rollout, as its spec and status say; empty when there is no such Deployment. */
        Optional<Rollout> deployment(String name);

        /** The pods labelled {@code app=<app>}. */
        List<Pod> pods(String app);

        /**
         * The addresses in the Service's load balancer status, one per ingress (its hostname, or else its IP, as
         * given); empty when it has none yet or there is no such Service.
         */
        List<String> loadBalancerAddresses(String service);

        @Override
        void close();
    }

    /**
     * A Deployment's rollout. Kubernetes omits zero counts and an unset replica count (null here).
     *
     * @param generation         {@code metadata.generation}: bumped by the API server on every spec change
     * @param observedGeneration the generation its controller has acted on
     * @param replicas           {@code spec.replicas}
     */
    record Rollout(Long generation, Long observedGeneration, Integer replicas, Integer availableReplicas,
                   Integer readyReplicas, Integer updatedReplicas) {
    }

    /** A pod's {@code status.phase} and conditions. */
    record Pod(String phase, List<Condition> conditions) {

        public Pod {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A pod condition: {@code PodScheduled} {@code False} with the scheduler's message, for example. */
    record Condition(String type, String status, String message) {
    }
}
