package meshonboarder.local.standin;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The AWS Load Balancer Controller of a stand-in cluster (a Deployment in kube-system, as its Helm chart installs it):
 * it gives LoadBalancer Services an NLB hostname, and refuses what AWS refuses ({@link #placeIn}): an NLB that cannot
 * be made in the cluster's VPC gets no address, only a Warning Event on the Service, as the real controller writes one.
 */
final class LoadBalancerController {

    /** The labels and place of the controller as its Helm chart installs it. */
    private static final String NAME = "aws-load-balancer-controller";
    private static final String LABEL = "app.kubernetes.io/name";

    private final KubernetesClient client;
    private final String clusterName;
    /** Why an NLB for a Service cannot be made in the cluster's VPC, or empty when it can. */
    private volatile Function<Service, Optional<String>> refusal = s -> Optional.empty();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    LoadBalancerController(KubernetesClient client, String clusterName) {
        this.client = client;
        this.clusterName = clusterName;
    }

    /** The controller, as its Helm chart installs it (the AWS post installs it on both clusters). */
    void install() {
        client.apps().deployments().resource(new DeploymentBuilder()
                .withNewMetadata().withName(NAME).withNamespace("kube-system").addToLabels(LABEL, NAME)
                .endMetadata().withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels(LABEL, NAME)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels(LABEL, NAME).endMetadata()
                .withNewSpec().addNewContainer().withName("controller")
                .withImage("public.ecr.aws/eks/aws-load-balancer-controller:v2.13.3").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    void uninstall() {
        client.apps().deployments().inNamespace("kube-system").withName(NAME).delete();
    }

    /** Why AWS would refuse the NLB a Service asks for in the cluster's VPC, or empty when it would make it. */
    void placeIn(Function<Service, Optional<String>> refusal) {
        this.refusal = refusal;
    }

    /** Gives every LoadBalancer Service without an address, once {@code due} for it, its NLB hostname. */
    void provision(Predicate<String> due) {
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            if ("LoadBalancer".equals(service.getSpec().getType())
                    && (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                    || service.getStatus().getLoadBalancer().getIngress() == null
                    || service.getStatus().getLoadBalancer().getIngress().isEmpty())
                    && due.test(service.getMetadata().getUid()) && provisions(service)) {
                String hostname = "k8s-" + service.getMetadata().getName() + "-" + clusterName + "-"
                        + service.getMetadata().getUid().substring(0, 8) + ".elb.us-east-1.amazonaws.com";
                client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                        .editStatus(x -> new ServiceBuilder(x).editOrNewStatus()
                                .withNewLoadBalancer().addNewIngress().withHostname(hostname).endIngress().endLoadBalancer()
                                .endStatus().build());
            }
        }
    }

    /** Warning Events of a Service, as {@code kubectl describe service} shows them. */
    List<String> warnings(String namespace, String service) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && service.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    private boolean installed() {
        return !client.apps().deployments().inNamespace("kube-system").withLabel(LABEL, NAME).list()
                .getItems().isEmpty();
    }

    /** Whether the controller gives the Service an address now; writes a Warning Event when AWS refuses. */
    private boolean provisions(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations() == null ? Map.of()
                : service.getMetadata().getAnnotations();
        // aws-load-balancer-type: external is served by the AWS Load Balancer Controller alone
        if ("external".equals(annotations.get("service.beta.kubernetes.io/aws-load-balancer-type")) && !installed()) {
            return false;
        }
        Optional<String> refused = refusal.apply(service);
        if (refused.isPresent()) {
            warn(service, refused.get());
            return false;
        }
        return true;
    }

    private void warn(Service service, String message) {
        String key = service.getMetadata().getUid() + "/" + message;
        if (!warned.add(key)) {
            return;
        }
        client.v1().events().inNamespace(service.getMetadata().getNamespace()).resource(
                new EventBuilder().withNewMetadata()
                        .withName(service.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                        .endMetadata()
                        .withType("Warning").withReason("FailedDeployModel")
                        .withMessage("Failed deploy model due to ValidationError: " + message)
                        .withNewInvolvedObject().withKind("Service").withApiVersion("v1")
                        .withNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                        .withUid(service.getMetadata().getUid()).endInvolvedObject()
                        .withNewSource().withComponent("service").endSource().build()).create();
    }
}
