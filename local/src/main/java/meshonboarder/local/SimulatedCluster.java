package meshonboarder.local;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import meshonboarder.cluster.IpFamily;
import meshonboarder.testing.kube.HelmReadyMockServer;

/**
 * A stand-in EKS cluster: a fabric8 mock API server that Helm can install into ({@link HelmReadyMockServer}; CRUD:
 * it stores objects and nothing acts on them) plus a
 * small, visible simulation of what a real cluster's controllers would do (docs/design.md, "Stand-ins"):
 * <ul>
 *   <li>the token controller fills {@code token} and {@code ca.crt} of service-account token Secrets;</li>
 *   <li>the Deployment and DaemonSet controllers report a finished rollout after a create or a template change;</li>
 *   <li>the AWS load balancer controller gives LoadBalancer Services an NLB hostname;</li>
 *   <li>two nodes with addresses of the cluster's family, and a self-managed {@code aws-node} DaemonSet.</li>
 * </ul>
 * Each behaviour has a delay, or {@link Behaviour#NEVER}, so scenarios can show the waiting loops and their limits.
 */
public final class SimulatedCluster implements AutoCloseable {

    /**
     * How long each simulated controller takes; {@link #NEVER} switches it off. The control plane looks at the
     * objects every {@code interval}: each look lists every kind it acts on, which costs CPU in the runner.
     */
    public record Behaviour(Duration tokenDelay, Duration rolloutDelay, Duration loadBalancerDelay, Duration interval) {

        public static final Duration NEVER = Duration.ofDays(3650);
        private static final Duration LOOK = Duration.ofMillis(200);

        public Behaviour(Duration tokenDelay, Duration rolloutDelay, Duration loadBalancerDelay) {
            this(tokenDelay, rolloutDelay, loadBalancerDelay, LOOK);
        }

        public static Behaviour prompt() {
            return new Behaviour(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        /**
         * For a cluster whose objects are already in place (the benchmarks' many peers): prompt, but looking every
         * 5 s, so that fifty idle stand-ins do not take the runner's CPU (every 200 ms, they would take two cores).
         */
        public static Behaviour settled() {
            return new Behaviour(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
    }

    private final String name;
    private final IpFamily ipFamily;
    private final HelmReadyMockServer server;
    private final TlsFront tls;
    private final Behaviour behaviour;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "control-plane");
        t.setDaemon(true);
        return t;
    });
    // When each object's current version was first seen: its controller acts once the delay has passed.
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final KubernetesClient client;

    public SimulatedCluster(String name, IpFamily ipFamily, Behaviour behaviour) {
        this.name = name;
        this.ipFamily = ipFamily;
        this.behaviour = behaviour;
        this.server = HelmReadyMockServer.start();
        this.tls = new TlsFront(java.net.URI.create(server.url()).getPort());
        this.client = server.client();
        seedNodes();
        seedAwsNode();
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 200, behaviour.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    public IpFamily ipFamily() {
        return ipFamily;
    }

    /** The API endpoint as EKS gives it: {@code https://localhost:PORT} (the TLS front of the mock server). */
    public String endpoint() {
        return tls.endpoint();
    }

    /** The API server's certificate as EKS gives a cluster CA: base64 of the PEM. */
    public String certificateAuthority() {
        return Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Requests that clients made through the cluster's endpoint (handlers, Helm), by method; the stand-in control
     * plane and {@link #client()} talk to the mock server directly and are not counted.
     */
    public Map<String, Long> apiRequests() {
        return tls.requests().counts();
    }

    /** A client with the JDK HTTP client; shared, do not close. */
    public KubernetesClient client() {
        return client;
    }

    private String caPem() {
        return tls.caPem();
    }

    private void seedNodes() {
        for (int i = 1; i <= 2; i++) {
            String address = ipFamily == IpFamily.IPV6 ? "2600:1f14:abcd:100" + i + "::10" : "10.0." + i + ".10";
            Node node = new NodeBuilder().withNewMetadata().withName("ip-node-" + i + "." + name + ".internal")
                    .addToLabels("kubernetes.io/os", "linux").endMetadata()
                    .withNewStatus().addNewAddress().withType("InternalIP").withAddress(address).endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
            client.nodes().resource(node).create();
        }
    }

    /** The self-managed VPC CNI as EKS installs it on a new cluster (v1.19, past both egress minimums). */
    private void seedAwsNode() {
        String image = "602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni";
        DaemonSet awsNode = new DaemonSetBuilder().withNewMetadata().withName("aws-node").withNamespace("kube-system")
                .addToLabels("k8s-app", "aws-node").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "aws-node").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("k8s-app", "aws-node").endMetadata().withNewSpec()
                .addNewInitContainer().withName("aws-vpc-cni-init").withImage(image + "-init:v1.19.2-eksbuild.1")
                .addNewEnv().withName("DISABLE_TCP_EARLY_DEMUX").withValue("false").endEnv()
                .addNewEnv().withName("ENABLE_IPv6").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .endInitContainer()
                .addNewContainer().withName("aws-node").withImage(image + ":v1.19.2-eksbuild.1")
                .addNewEnv().withName("ENABLE_IPv4").withValue(Boolean.toString(ipFamily == IpFamily.IPV4)).endEnv()
                .addNewEnv().withName("ENABLE_IPv6").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .addNewEnv().withName("ENABLE_PREFIX_DELEGATION").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .addNewEnv().withName("WARM_ENI_TARGET").withValue("1").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().daemonSets().resource(awsNode).create();
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // a stand-in controller retries on its next turn, like a real one
        }
    }

    private void reconcile() {
        for (Secret secret : client.secrets().inAnyNamespace().list().getItems()) {
            if ("kubernetes.io/service-account-token".equals(secret.getType())
                    && (secret.getData() == null || !secret.getData().containsKey("token"))
                    && due(secret.getMetadata().getUid() + secret.getMetadata().getResourceVersion(), behaviour.tokenDelay())) {
                fillToken(secret);
            }
        }
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            if (!rolledOut(d.getStatus() == null ? null : d.getStatus().getObservedGeneration(),
                    d.getStatus() == null ? null : d.getStatus().getReadyReplicas(), d.getMetadata().getGeneration(), replicas)
                    && due(d.getMetadata().getUid() + d.getMetadata().getGeneration(), behaviour.rolloutDelay())) {
                client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                        .editStatus(x -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(x).editOrNewStatus()
                                .withObservedGeneration(x.getMetadata().getGeneration()).withReplicas(replicas)
                                .withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                                .withConditions(new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder()
                                        .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build())
                                .endStatus().build());
            }
        }
        int nodes = client.nodes().list().getItems().size();
        for (DaemonSet ds : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            if (!rolledOut(ds.getStatus() == null ? null : ds.getStatus().getObservedGeneration(),
                    ds.getStatus() == null ? null : ds.getStatus().getNumberReady(), ds.getMetadata().getGeneration(), nodes)
                    && due(ds.getMetadata().getUid() + ds.getMetadata().getGeneration(), behaviour.rolloutDelay())) {
                client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName())
                        .editStatus(x -> new DaemonSetBuilder(x).editOrNewStatus()
                                .withObservedGeneration(x.getMetadata().getGeneration()).withDesiredNumberScheduled(nodes)
                                .withCurrentNumberScheduled(nodes).withNumberReady(nodes).withNumberAvailable(nodes)
                                .withUpdatedNumberScheduled(nodes).endStatus().build());
            }
        }
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            if ("LoadBalancer".equals(service.getSpec().getType())
                    && (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                    || service.getStatus().getLoadBalancer().getIngress() == null
                    || service.getStatus().getLoadBalancer().getIngress().isEmpty())
                    && due(service.getMetadata().getUid(), behaviour.loadBalancerDelay())) {
                String hostname = "k8s-" + service.getMetadata().getName() + "-" + name + "-"
                        + service.getMetadata().getUid().substring(0, 8) + ".elb.us-east-1.amazonaws.com";
                client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                        .editStatus(x -> new io.fabric8.kubernetes.api.model.ServiceBuilder(x).editOrNewStatus()
                                .withNewLoadBalancer().addNewIngress().withHostname(hostname).endIngress().endLoadBalancer()
                                .endStatus().build());
            }
        }
    }

    private static boolean rolledOut(Long observedGeneration, Integer ready, Long generation, int wanted) {
        return ready != null && ready == wanted && (generation == null || generation.equals(observedGeneration));
    }

    private boolean due(String key, Duration delay) {
        Instant first = seen.computeIfAbsent(key, k -> Instant.now());
        return !delay.equals(Behaviour.NEVER) && Instant.now().isAfter(first.plus(delay));
    }

    private void fillToken(Secret secret) {
        String token = "local." + UUID.randomUUID();
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).withName(secret.getMetadata().getName())
                .edit(s -> {
                    Map<String, String> data = s.getData() == null ? new HashMap<>() : new HashMap<>(s.getData());
                    data.put("token", base64(token));
                    data.put("ca.crt", base64(caPem()));
                    data.put("namespace", base64(s.getMetadata().getNamespace()));
                    s.setData(data);
                    return s;
                });
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every object of a kind in a namespace, for summaries. */
    public List<Secret> secrets(String namespace) {
        return client.secrets().inNamespace(namespace).list().getItems();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        client.close();
        tls.close();
        server.close();
    }
}
