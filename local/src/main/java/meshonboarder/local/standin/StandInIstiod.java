package meshonboarder.local.standin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.SyncStatus;

/**
 * A stand-in istiod's multicluster secret controller (pkg/kube/multicluster/secretcontroller.go, Istio 1.30.3), in
 * one stand-in cluster. While Deployment {@code istiod} exists, it keeps one Running pod {@code istiod-<n>}
 * (label {@code app=istiod}) and, on each look, reads the {@code istio-system} Secrets labelled
 * {@code istio/multiCluster=true}. For each data key (a cluster id) it builds a client from the kubeconfig exactly as
 * written (fabric8's typed {@link Config} from the kubeconfig: server URL, CA data, token) and lists Services in that
 * stand-in API server over real TLS: a wrong CA, endpoint or token fails there, and the cluster is {@code timeout},
 * as istiod marks a remote cluster that does not sync within its timeout. It serves
 * {@code istiod_remote_cluster_sync_status} and {@code istiod_managed_clusters} at {@code :15014/metrics}, reached
 * through the API server's pod proxy.
 *
 * <p>Fault modes: {@link #staleAfterUpdate} behaves as 1.30.0 to 1.30.3 (istio/istio#61043: after a remote secret is
 * rewritten, the subject stays stale until istiod restarts; shown here as {@code syncing}, the new client never
 * registered); {@link #unreachable} makes one subject unreachable from this istiod only ({@code timeout}, while the
 * controller still reaches it); {@link #withoutGauge} serves the metrics of an istiod before 1.29. A rollout
 * restart (a new {@code kubectl.kubernetes.io/restartedAt}) replaces the pod and clears the stale state.
 */
public final class StandInIstiod {

    /** The User-Agent of its reads: the stand-in API servers do not count them as a client's requests. */
    static final String USER_AGENT = "istiod-stand-in";
    private static final String NAMESPACE = "istio-system";
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KubernetesClient cluster;
    // per cluster id, the digest of the kubeconfig istiod last (re)started with: an update after it goes stale
    private final Map<String, String> baseline = new ConcurrentHashMap<>();
    private final Map<String, Tried> tried = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private volatile Map<String, SyncStatus> status = Map.of();
    private volatile Set<String> removed = Set.of();
    private volatile boolean staleAfterUpdate;
    private volatile boolean withoutGauge;
    private volatile String restartedAt;
    private volatile String pod;
    private int generation;

    private record Tried(String digest, SyncStatus status, Instant at) {
    }

    StandInIstiod(KubernetesClient cluster) {
        this.cluster = cluster;
    }

    /** As Istio 1.30.0 to 1.30.3: a rewritten remote secret leaves its subject stale until a restart. */
    public void staleAfterUpdate(boolean buggy) {
        this.staleAfterUpdate = buggy;
    }

    /** The subject's API server cannot be reached from this istiod (it stays reachable for the controller). */
    public void unreachable(String subject, boolean cut) {
        if (cut) {
            unreachable.add(subject);
        } else {
            unreachable.remove(subject);
        }
    }

    /** Serves the metrics of an istiod before 1.29: no {@code istiod_remote_cluster_sync_status}. */
    public void withoutGauge(boolean old) {
        this.withoutGauge = old;
    }

    /** Each remote cluster it manages, with its status now. */
    public Map<String, SyncStatus> remotes() {
        return status;
    }

    /** One look: the pod, then every remote secret. The stand-in control plane calls it on each of its looks. */
    synchronized void look() {
        Deployment istiod = cluster.apps().deployments().inNamespace(NAMESPACE).withName("istiod").get();
        if (istiod == null) {
            pod = null;
            return;
        }
        String restart = annotation(istiod);
        if (pod == null || !Objects.equals(restart, restartedAt)) {
            restart(restart);
        }
        Map<String, SyncStatus> next = new TreeMap<>();
        for (Secret secret : cluster.secrets().inNamespace(NAMESPACE).withLabel("istio/multiCluster", "true").list()
                .getItems()) {
            Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
            data.forEach((clusterId, kubeconfig) -> next.put(clusterId, sync(clusterId, kubeconfig)));
        }
        Set<String> gone = new TreeSet<>(status.keySet());
        gone.addAll(removed);
        gone.removeAll(next.keySet());
        baseline.keySet().retainAll(next.keySet());
        removed = Set.copyOf(gone);
        status = Map.copyOf(next);
    }

    private static String annotation(Deployment istiod) {
        var metadata = istiod.getSpec() == null || istiod.getSpec().getTemplate() == null ? null
                : istiod.getSpec().getTemplate().getMetadata();
        return metadata == null || metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(RESTARTED_AT);
    }

    /** A new pod, which reads every secret afresh. */
    private void restart(String restart) {
        if (pod != null) {
            cluster.pods().inNamespace(NAMESPACE).withName(pod).delete();
        }
        generation++;
        pod = "istiod-" + generation;
        Pod running = new PodBuilder().withNewMetadata().withName(pod).withNamespace(NAMESPACE).addToLabels("app", "istiod")
                .endMetadata().withNewStatus().withPhase("Running").endStatus().build();
        cluster.pods().inNamespace(NAMESPACE).resource(running).createOr(existing -> existing.update());
        restartedAt = restart;
        baseline.clear();
        tried.clear();
    }

    private SyncStatus sync(String clusterId, String kubeconfigBase64) {
        String digest = Integer.toHexString(kubeconfigBase64.hashCode()) + kubeconfigBase64.length();
        String first = baseline.putIfAbsent(clusterId, digest);
        if (staleAfterUpdate && first != null && !first.equals(digest)) {
            return SyncStatus.SYNCING;
        }
        if (!staleAfterUpdate) {
            baseline.put(clusterId, digest);
        }
        if (unreachable.contains(clusterId)) {
            return SyncStatus.TIMEOUT;
        }
        Tried last = tried.get(clusterId);
        if (last != null && last.digest().equals(digest)
                && (last.status() == SyncStatus.SYNCED || Instant.now().isBefore(last.at().plus(RETRY)))) {
            return last.status();
        }
        SyncStatus now = reach(new String(Base64.getDecoder().decode(kubeconfigBase64), StandardCharsets.UTF_8));
        tried.put(clusterId, new Tried(digest, now, Instant.now()));
        return now;
    }

    /** The remote cluster's informers sync only if a LIST through its kubeconfig works. */
    static SyncStatus reach(String kubeconfig) {
        Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig)).withUserAgent(USER_AGENT)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).withRequestTimeout(3000).build();
        try (KubernetesClient remote = new KubernetesClientBuilder().withConfig(config).build()) {
            remote.services().inAnyNamespace().list();
            return SyncStatus.SYNCED;
        } catch (RuntimeException e) {
            return SyncStatus.TIMEOUT;
        }
    }

    /** What {@code :15014/metrics} answers, or empty when no pod of that name runs. */
    Optional<String> metrics(String podName) {
        if (pod == null || !pod.equals(podName)) {
            return Optional.empty();
        }
        Map<String, SyncStatus> now = status;
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(IstiodView.MANAGED_CLUSTERS).append(" Number of clusters managed by istiod\n")
                .append("# TYPE ").append(IstiodView.MANAGED_CLUSTERS).append(" gauge\n")
                .append(IstiodView.MANAGED_CLUSTERS).append("{cluster_type=\"local\"} 1\n")
                .append(IstiodView.MANAGED_CLUSTERS).append("{cluster_type=\"remote\"} ").append(now.size()).append('\n');
        if (withoutGauge) {
            return Optional.of(out.toString());
        }
        out.append("# HELP ").append(IstiodView.SYNC_STATUS)
                .append(" Current synchronization state of remote clusters managed by istiod.\n")
                .append("# TYPE ").append(IstiodView.SYNC_STATUS).append(" gauge\n");
        Map<String, SyncStatus> samples = new LinkedHashMap<>(now);
        removed.forEach(r -> samples.put(r, null)); // Istio records 0 for every status of a removed cluster
        samples.forEach((clusterId, current) -> {
            for (SyncStatus s : SyncStatus.values()) {
                out.append(IstiodView.SYNC_STATUS).append("{cluster=\"").append(clusterId)
                        .append("\",cluster_type=\"remote\",status=\"").append(s.label()).append("\"} ")
                        .append(s == current ? 1 : 0).append('\n');
            }
        });
        return Optional.of(out.toString());
    }

    /** The pod's name, or null before istiod is installed. */
    public String pod() {
        return pod;
    }
}
