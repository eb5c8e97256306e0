package meshonboarder.local.standin;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
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
import meshonboarder.testing.kube.HelmReadyMockServer;

/**
 * A stand-in EKS cluster: a fabric8 mock API server that Helm can install into ({@link HelmReadyMockServer}; CRUD:
 * it stores objects and nothing acts on them) plus a
 * small, visible simulation of what a real cluster's controllers would do (docs/design.md, "Stand-ins"):
 * <ul>
 *   <li>the token controller fills {@code token} and {@code ca.crt} of service-account token Secrets;</li>
 *   <li>the Deployment and DaemonSet controllers report a finished rollout after a create or a template change;</li>
 *   <li>the AWS Load Balancer Controller ({@link LoadBalancerController}, there unless
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
    private final LoadBalancerController loadBalancers;
    private volatile StandInIstiod istiod;
    private volatile Duration accessEntryDelay = DEFAULT_ACCESS_ENTRY_DELAY;
    // set: no Deployment's new revision rolls out (as with a new image that cannot be pulled)
    private volatile boolean rolloutsStalled;
    // Until an access entry is made through the stand-in EKS front, EKS tokens pass (see #authenticateEksTokens).
    private volatile BooleanSupplier eksTokens = () -> true;
    /** The prefix of an EKS token (aws-iam-authenticator's format), as the functions send it. */
    private static final String EKS_TOKEN = "k8s-aws-v1.";

    /** Long enough for the InspectCluster step to meet a refusal and retry, short enough for the tests. */
    static final Duration DEFAULT_ACCESS_ENTRY_DELAY = Duration.ofSeconds(2);

    public SimulatedCluster(String name, IpFamily ipFamily, Behaviour behaviour) {
        this.name = name;
        this.ipFamily = ipFamily;
        this.behaviour = behaviour;
        this.server = HelmReadyMockServer.start(this::accepts, this::proxy);
        this.tls = new TlsFront(URI.create(server.url()).getPort());
        this.client = server.client();
        this.istiod = new StandInIstiod(client);
        this.loadBalancers = new LoadBalancerController(client, name);
        VpcCni.seed(client, name, ipFamily);
        loadBalancers.install();
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
     * Requests that clients made through the cluster's endpoint (handlers, Helm), by method, the reads of istiod's view
     * under {@code "GET (istiod view)"}; the stand-in control plane and {@link #client()} talk to the mock server
     * directly and are not counted.
     */
    public Map<String, Long> apiRequests() {
        return tls.requests().counts();
    }

    /** Whether a key of {@link #apiRequests()} counts reads only. */
    public static boolean isRead(String key) {
        return key.equals("GET") || key.startsWith("GET ");
    }

    /** A client with the JDK HTTP client; shared, do not close. */
    public KubernetesClient client() {
        return client;
    }

    /** A new client of the mock server, as {@link #client()} not counted in {@link #apiRequests()}; the caller closes it. */
    public KubernetesClient newClient() {
        return server.client();
    }

    private String caPem() {
        return tls.caPem();
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

    /** A cluster without the controller: nothing provisions {@code aws-load-balancer-type: external} Services. */
    public void removeLoadBalancerController() {
        loadBalancers.uninstall();
    }

    /**
     * Places the cluster's load balancers in its VPC: {@code refusal} says why AWS would refuse the NLB a Service
     * asks for (for example a dualstack NLB in subnets without IPv6 CIDRs), or empty when it would make it.
     */
    public void placeLoadBalancers(Function<Service, Optional<String>> refusal) {
        loadBalancers.placeIn(refusal);
    }

    /** Warning Events of a Service, as {@code kubectl describe service} shows them. */
    public List<String> warnings(String namespace, String service) {
        return loadBalancers.warnings(namespace, service);
    }

    void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // a stand-in controller retries on its next turn, like a real one
        }
        try {
            istiod.look();
        } catch (RuntimeException e) {
            // as above
        }
    }

    /** The stand-in istiod of this cluster ({@link StandInIstiod}): its view, and its fault modes. */
    public StandInIstiod istiod() {
        return istiod;
    }

    /** The API server's pod proxy: only istiod's metrics port listens. */
    private Optional<String> proxy(String namespace, String pod, String port, String path) {
        StandInIstiod current = istiod;
        return current != null && "istio-system".equals(namespace) && "15014".equals(port) && "/metrics".equals(path)
                ? current.metrics(pod) : Optional.empty();
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
            if (VpcCni.failsOnTheseNodes(client, ds)) {
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
        loadBalancers.provision(key -> due(key, behaviour.loadBalancerDelay()));
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
