package meshonboarder.kubernetes.istio;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import meshonboarder.errors.Transient;
import meshonboarder.istio.Istio;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.IstiodViews;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.mesh.Member;

/**
 * {@link IstiodViews} on Kubernetes. istiod's monitoring port (15014) serves {@code /metrics} to any client unless
 * {@code METRICS_LOCALHOST_ACCESS_ONLY} is set (pilot/pkg/bootstrap/monitoring.go, Istio 1.30.3), so the controller
 * reads it through the API server's pod proxy ({@code GET /api/v1/namespaces/istio-system/pods/<pod>:15014/proxy/metrics},
 * https://kubernetes.io/docs/tasks/access-application-cluster/access-cluster-services/#manually-constructing-apiserver-proxy-urls),
 * as {@code kubectl get --raw} does: one LIST of the {@code app=istiod} pods and one GET, whatever the mesh size.
 * The restart is {@code kubectl rollout restart}'s: a new {@code kubectl.kubernetes.io/restartedAt} pod template
 * annotation, which the Deployment controller rolls out.
 */
public final class KubernetesIstiodViews implements IstiodViews {

    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** Which run restarted it: the same run's retry writes nothing. */
    public static final String RESTARTED_BY = "mesh-onboarder.io/restarted-by";
    static final String METRICS_PORT = "15014";
    private static final long READ_SECONDS = 10;

    private final ClusterConnector connector;

    public KubernetesIstiodViews(ClusterConnector connector) {
        this.connector = connector;
    }

    /** The proxy path of a pod's metrics, as {@code kubectl get --raw} takes it. */
    public static String metricsPath(String pod) {
        return "/api/v1/namespaces/" + Istio.NAMESPACE + "/pods/" + pod + ":" + METRICS_PORT + "/proxy/metrics";
    }

    @Override
    public IstiodView read(Member member) {
        String where = member.meshId() + "/" + member.clusterName();
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            Optional<Pod> pod = runningIstiod(client, where);
            if (pod.isEmpty()) {
                return IstiodView.unknown(member.clusterName(), "no running istiod pod in " + Istio.NAMESPACE);
            }
            String name = pod.get().getMetadata().getName();
            HttpResponse<String> response = get(client, metricsPath(name), where);
            if (response.code() != HttpURLConnection.HTTP_OK) {
                // 403 without RBAC on pods/proxy, 404 if the port is closed to others (a 503 while the pod
                // starts is retried by the client first)
                return IstiodView.unknown(member.clusterName(), "istiod pod " + name + " metrics answered " + response.code());
            }
            try {
                return IstiodView.fromMetrics(member.clusterName(), response.body());
            } catch (IllegalArgumentException e) {
                return IstiodView.unknown(member.clusterName(), "istiod pod " + name + " metrics unreadable: " + e.getMessage());
            }
        }
    }

    private static Optional<Pod> runningIstiod(KubernetesClient client, String where) {
        List<Pod> pods;
        try {
            pods = client.pods().inNamespace(Istio.NAMESPACE).withLabel("app", "istiod").list().getItems();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "listing the istiod pods in " + where);
        }
        // the newest running pod: after a restart, the one that read the secrets last
        return pods.stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                        && p.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
    }

    private static HttpResponse<String> get(KubernetesClient client, String path, String where) {
        String url = client.getMasterUrl().toString().replaceAll("/+$", "") + path;
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).header("Accept", "text/plain").build();
        try {
            return client.getHttpClient().sendAsync(request, String.class).get(READ_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transient("interrupted while reading istiod's metrics in " + where, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new Transient("istiod's metrics in " + where + " could not be read through the API server's pod proxy: "
                    + e.getMessage() + "; the next step or run reads them again", e);
        }
    }

    @Override
    public boolean restart(Member member, String restartId) {
        String where = member.meshId() + "/" + member.clusterName();
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            var istiod = client.apps().deployments().inNamespace(Istio.NAMESPACE).withName("istiod");
            Deployment current = istiod.get();
            if (current == null) {
                return false; // no istiod to restart: CheckIstio installs it
            }
            Map<String, String> annotations = current.getSpec().getTemplate().getMetadata() == null ? null
                    : current.getSpec().getTemplate().getMetadata().getAnnotations();
            if (annotations != null && restartId.equals(annotations.get(RESTARTED_BY))) {
                return false;
            }
            istiod.edit(d -> {
                if (d.getSpec().getTemplate().getMetadata() == null) {
                    d.getSpec().getTemplate().setMetadata(new ObjectMeta());
                }
                Map<String, String> a = d.getSpec().getTemplate().getMetadata().getAnnotations() == null ? new HashMap<>()
                        : new HashMap<>(d.getSpec().getTemplate().getMetadata().getAnnotations());
                a.put(RESTARTED_AT, Instant.now().toString());
                a.put(RESTARTED_BY, restartId);
                d.getSpec().getTemplate().getMetadata().setAnnotations(a);
                return d;
            });
            return true;
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "restarting istiod in " + where);
        }
    }
}
