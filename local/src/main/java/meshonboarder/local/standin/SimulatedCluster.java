package meshonboarder.local.standin;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.CniVersion;
import meshonboarder.testing.kube.HelmReadyMockServer;

/**
 * A stand-in EKS cluster: a fabric8 mock API server that Helm can install into ({@link HelmReadyMockServer}; CRUD:
 * it stores objects and nothing acts on them) plus a
 * small, visible simulation of what a real cluster's controllers would do (docs/design.md, "Stand-ins"):
 * <ul>
 *   <li>the token controller fills {@code token} and {@code ca.crt} of service-account token Secrets;</li>
 *   <li>the Deployment and DaemonSet controllers report a finished rollout after a create or a template change;</li>
 *   <li>the AWS Load Balancer Controller (a Deployment in kube-system, there unless
 *       {@link #removeLoadBalancerController()}) gives LoadBalancer Services an NLB hostname, and refuses what
 *       AWS refuses ({@link #placeLoadBalancers}): a dualstack NLB whose VPC or subnets lack IPv6 CIDRs gets no
 *       address, only a Warning Event on the Service, as the real controller writes one;</li>
 *   <li>two nodes with addresses of the cluster's family, and a self-managed {@code aws-node} DaemonSet, whose
 *       rollout never finishes when it asks for V6 egress on nodes without IPv6 on a CNI release that fails there.</li>
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

    private static final String ISSUED = "local.";

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
    // The service-account tokens whose Secret exists: the API server accepts only these (see #accepts).
    private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
    private final KubernetesClient client;
    /** Why an NLB for a Service cannot be made in the cluster's VPC, or empty when it can. */
    private volatile Function<Service, Optional<String>> loadBalancerRefusal =
            s -> Optional.empty();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Duration accessEntryDelay = DEFAULT_ACCESS_ENTRY_DELAY;
    // set: no Deployment's new revision rolls out (as with a new image that cannot be pulled)
    private volatile boolean rolloutsStalled;
    // Until an access entry is made through the stand-in EKS front, EKS tokens pass (see #authenticateEksTokens).
    private volatile BooleanSupplier eksTokens = () -> true;
    /** The prefix of an EKS token (aws-iam-authenticator's format), as the functions send it. */
    private static final String EKS_TOKEN = "k8s-aws-v1.";

    /** Long enough for the InspectCluster step to meet a refusal and retry, short enough for the tests. */
    static final Duration DEFAULT_ACCESS_ENTRY_DELAY = Duration.ofSeconds(2);

    /** The labels and place of the AWS Load Balancer Controller as its Helm chart installs it. */
    static final String LBC_NAME = "aws-load-balancer-controller";
    static final String LBC_LABEL = "app.kubernetes.io/name";

    public SimulatedCluster(String name, IpFamily ipFamily, Behaviour behaviour) {
        this.name = name;
        this.ipFamily = ipFamily;
        this.behaviour = behaviour;
        this.server = HelmReadyMockServer.start(this::accepts);
        this.tls = new TlsFront(URI.create(server.url()).getPort());
        this.client = server.client();
        seedNodes();
        seedAwsNode();
        seedLoadBalancerController();
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 200, behaviour.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    public IpFamily ipFamily() {
        return ipFamily;
    }

    /**
     * A new EKS access entry and its policy take a few seconds to apply: the API server answers 401 meanwhile
     * (field reports, e.g. aws-solutions-library-samples/guidance-for-multi-provider-generative-ai-gateway-on-aws
     * pull request 112). The stand-in EKS front calls this when it creates an entry for the cluster.
     */
    public void accessEntryCreated() {
        tls.refuseFor(accessEntryDelay);
    }

    /**
     * From now on the API server answers 401 to every request through the endpoint, as EKS does to mesh-onboarder
     * once its access entry is gone (deleted by hand, or its role re-created under the same name: an access entry
     * matches the principal id, terraform-aws-modules/terraform-aws-eks issue 3329), until {@link #answerAgain()}.
     */
    public void refuseEveryone() {
        tls.refuseFor(Behaviour.NEVER);
        tls.dropConnections(); // an API server authenticates every request, not each connection
    }

    /** The API server answers again (the access entry is back). */
    public void answerAgain() {
        tls.refuseFor(Duration.ZERO);
    }

    /**
     * Takes the API server off the network until {@link #backOnNetwork()}: its endpoint refuses new connections and
     * drops the open ones, as an endpoint nobody can reach looks to a client (a private endpoint, a closed security
     * group, a control plane being replaced). The cluster itself, and {@link #client()}, go on.
     */
    public void offNetwork() {
        tls.offNetwork();
    }

    /** The API server is reachable again, at the same endpoint. */
    public void backOnNetwork() {
        tls.onNetwork();
    }

    /** How long a new access entry answers 401; {@link Duration#ZERO} switches it off. */
    public void accessEntryDelay(Duration delay) {
        this.accessEntryDelay = delay;
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

    /**
     * The authenticator: a token this cluster's token controller issued is accepted only while its Secret exists
     * (the API server's --service-account-lookup, on by default); other bearer tokens (mesh-onboarder's EKS token,
     * the mock server's own) belong to other authenticators and pass. Kubernetes documents it: "--service-account-lookup:
     * if enabled, tokens which are deleted from the API will be revoked"
     * (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens; the flag's
     * default, true, in https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/), and a
     * token made through a Secret is revoked by deleting that Secret
     * (https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/).
     */
    private boolean accepts(String token) {
        if (token.startsWith(EKS_TOKEN)) {
            return eksTokens.getAsBoolean();
        }
        return !token.startsWith(ISSUED) || liveTokens.contains(token);
    }

    /** Whether this cluster's API server accepts the bearer token now, as it does for every request. */
    public boolean authenticates(String token) {
        return accepts(token);
    }

    /**
     * From now on EKS tokens (the controller's) are accepted only while {@code accessEntryMatches} says the
     * cluster's access entry still matches the role: the stand-in EKS front calls this once it made an entry.
     */
    public void authenticateEksTokens(BooleanSupplier accessEntryMatches) {
        this.eksTokens = accessEntryMatches;
    }

    /**
     * Looks at the token Secrets now (the control plane also does it on every look): from here on, tokens whose
     * Secret is gone are refused, and tokens put in place directly are accepted.
     */
    public void refreshTokens() {
        refreshTokens(client.secrets().inAnyNamespace().list().getItems());
    }

    private void refreshTokens(List<Secret> secrets) {
        Set<String> live = new HashSet<>();
        for (Secret secret : secrets) {
            if ("kubernetes.io/service-account-token".equals(secret.getType()) && secret.getData() != null
                    && secret.getData().containsKey("token")) {
                live.add(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8));
            }
        }
        liveTokens.retainAll(live);
        liveTokens.addAll(live);
    }

    /** The AWS Load Balancer Controller, as its Helm chart installs it (the AWS post installs it on both clusters). */
    private void seedLoadBalancerController() {
        client.apps().deployments().resource(new DeploymentBuilder()
                .withNewMetadata().withName(LBC_NAME).withNamespace("kube-system").addToLabels(LBC_LABEL, LBC_NAME)
                .endMetadata().withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels(LBC_LABEL, LBC_NAME)
                .endSelector().withNewTemplate().withNewMetadata().addToLabels(LBC_LABEL, LBC_NAME).endMetadata()
                .withNewSpec().addNewContainer().withName("controller")
                .withImage("public.ecr.aws/eks/aws-load-balancer-controller:v2.13.3").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    /** A cluster without the controller: nothing provisions {@code aws-load-balancer-type: external} Services. */
    public void removeLoadBalancerController() {
        client.apps().deployments().inNamespace("kube-system").withName(LBC_NAME).delete();
    }

    /**
     * Places the cluster's load balancers in its VPC: {@code refusal} says why AWS would refuse the NLB a Service
     * asks for (for example a dualstack NLB in subnets without IPv6 CIDRs), or empty when it would make it.
     */
    public void placeLoadBalancers(Function<Service, Optional<String>> refusal) {
        this.loadBalancerRefusal = refusal;
    }

    private boolean loadBalancerControllerInstalled() {
        return !client.apps().deployments().inNamespace("kube-system").withLabel(LBC_LABEL, LBC_NAME).list()
                .getItems().isEmpty();
    }

    /** Whether the stand-in controller gives the Service an address now; writes a Warning Event when AWS refuses. */
    private boolean provisions(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations() == null ? Map.of()
                : service.getMetadata().getAnnotations();
        // aws-load-balancer-type: external is served by the AWS Load Balancer Controller alone
        if ("external".equals(annotations.get("service.beta.kubernetes.io/aws-load-balancer-type"))
                && !loadBalancerControllerInstalled()) {
            return false;
        }
        Optional<String> refusal = loadBalancerRefusal.apply(service);
        if (refusal.isPresent()) {
            warn(service, refusal.get());
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

    /** Warning Events of a Service, as {@code kubectl describe service} shows them. */
    public List<String> warnings(String namespace, String service) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && service.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // a stand-in controller retries on its next turn, like a real one
        }
    }

    private void reconcile() {
        List<Secret> secrets = client.secrets().inAnyNamespace().list().getItems();
        refreshTokens(secrets);
        for (Secret secret : secrets) {
            if ("kubernetes.io/service-account-token".equals(secret.getType())
                    && (secret.getData() == null || !secret.getData().containsKey("token"))
                    && due(secret.getMetadata().getUid() + secret.getMetadata().getResourceVersion(), behaviour.tokenDelay())) {
                fillToken(secret);
            }
        }
        for (Deployment d : rolloutsStalled ? List.<Deployment>of()
                : client.apps().deployments().inAnyNamespace().list().getItems()) {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            if (!rolledOut(d.getStatus() == null ? null : d.getStatus().getObservedGeneration(),
                    d.getStatus() == null ? null : d.getStatus().getReadyReplicas(), d.getMetadata().getGeneration(), replicas)
                    && due(d.getMetadata().getUid() + d.getMetadata().getGeneration(), behaviour.rolloutDelay())) {
                client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                        .editStatus(x -> new DeploymentBuilder(x).editOrNewStatus()
                                .withObservedGeneration(x.getMetadata().getGeneration()).withReplicas(replicas)
                                .withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas)
                                .withConditions(new DeploymentConditionBuilder()
                                        .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build())
                                .endStatus().build());
            }
        }
        int nodes = client.nodes().list().getItems().size();
        for (DaemonSet ds : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            if (awsNodeFailsOnTheseNodes(ds)) {
                continue; // its pods crash-loop: the rollout never finishes
            }
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
                    && due(service.getMetadata().getUid(), behaviour.loadBalancerDelay()) && provisions(service)) {
                String hostname = "k8s-" + service.getMetadata().getName() + "-" + name + "-"
                        + service.getMetadata().getUid().substring(0, 8) + ".elb.us-east-1.amazonaws.com";
                client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                        .editStatus(x -> new ServiceBuilder(x).editOrNewStatus()
                                .withNewLoadBalancer().addNewIngress().withHostname(hostname).endIngress().endLoadBalancer()
                                .endStatus().build());
            }
        }
    }

    /**
     * aws-node with {@code ENABLE_V6_EGRESS=true} on a node whose primary ENI has no IPv6 address fails in VPC CNI
     * releases before v1.16.3 and in v1.17.0 (aws/amazon-vpc-cni-k8s pull request 2754, cmd/aws-vpc-cni/main.go);
     * later releases only warn and leave V6 egress off there.
     */
    private boolean awsNodeFailsOnTheseNodes(DaemonSet ds) {
        if (!"aws-node".equals(ds.getMetadata().getName())) {
            return false;
        }
        var container = ds.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "aws-node".equals(c.getName())).findFirst();
        boolean v6Egress = container.map(c -> c.getEnv() == null ? false : c.getEnv().stream().anyMatch(e ->
                "ENABLE_V6_EGRESS".equals(e.getName()) && "true".equals(e.getValue()))).orElse(false);
        boolean failingRelease = container.flatMap(c -> CniVersion.parse(
                CniVersion.tagOf(c.getImage())))
                .map(CniVersion::failsV6EgressOnIpv4Nodes).orElse(false);
        boolean nodeWithoutIpv6 = client.nodes().list().getItems().stream().anyMatch(n -> n.getStatus().getAddresses()
                .stream().noneMatch(a -> "InternalIP".equals(a.getType()) && a.getAddress().contains(":")));
        return v6Egress && failingRelease && nodeWithoutIpv6;
    }

    /**
     * While stalled, a Deployment whose template changes keeps its old pods available and never gets its new ones,
     * as when the new image cannot be pulled: readiness checks that only look at availability pass, rollout checks
     * wait.
     */
    public void stallRollouts(boolean stalled) {
        this.rolloutsStalled = stalled;
    }

    private static boolean rolledOut(Long observedGeneration, Integer ready, Long generation, int wanted) {
        return ready != null && ready == wanted && (generation == null || generation.equals(observedGeneration));
    }

    private boolean due(String key, Duration delay) {
        Instant first = seen.computeIfAbsent(key, k -> Instant.now());
        return !delay.equals(Behaviour.NEVER) && Instant.now().isAfter(first.plus(delay));
    }

    private void fillToken(Secret secret) {
        String token = ISSUED + UUID.randomUUID();
        liveTokens.add(token);
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
