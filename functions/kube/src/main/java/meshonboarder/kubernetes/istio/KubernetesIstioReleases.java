package meshonboarder.kubernetes.istio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import meshonboarder.errors.IstioInstallFailed;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.IstioReleases;

/**
 * {@link IstioReleases} from Helm's own records: one LIST of the {@code owner=helm} Secrets of {@code istio-system}.
 * Helm 3's Secret storage driver keeps each revision as {@code sh.helm.release.v1.<name>.v<revision>}, labelled
 * {@code name}, {@code version} and {@code status}, its {@code release} key holding the release as JSON, gzipped and
 * base64-encoded (helm/helm {@code pkg/storage/driver/secrets.go} and {@code util.go}). Reading them directly costs one
 * request per member, where {@code helm list} plus {@code helm get values} would cost two per release; and it needs no
 * Helm library, so the check runs beside the other reconcile checks.
 */
public final class KubernetesIstioReleases implements IstioReleases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private final ClusterConnector connector;

    public KubernetesIstioReleases(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public Map<String, DeployedRelease> read(Member member) {
        String where = member.meshId() + "/" + member.clusterName();
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            return read(client, where);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "listing the Helm releases of " + Istio.NAMESPACE + " in " + where);
        }
    }

    /** With a client of the member's: one LIST. */
    public static Map<String, DeployedRelease> read(KubernetesClient client, String where) {
        return latest(client.secrets().inNamespace(Istio.NAMESPACE).withLabel("owner", "helm").list().getItems(), where);
    }

    /** The latest revision of each release among Helm's release Secrets. */
    static Map<String, DeployedRelease> latest(Iterable<Secret> secrets, String where) {
        Map<String, Secret> latest = new HashMap<>();
        for (Secret secret : secrets) {
            Map<String, String> labels = secret.getMetadata().getLabels();
            if (labels == null || labels.get("name") == null || revision(secret) < 0) {
                continue;
            }
            latest.merge(labels.get("name"), secret, (a, b) -> revision(a) >= revision(b) ? a : b);
        }
        Map<String, DeployedRelease> releases = new HashMap<>();
        latest.forEach((name, secret) -> releases.put(name, decode(secret, where)));
        return Map.copyOf(releases);
    }

    private static int revision(Secret secret) {
        try {
            return Integer.parseInt(secret.getMetadata().getLabels().getOrDefault("version", "-1"));
        } catch (NumberFormatException notHelms) {
            return -1;
        }
    }

    private static DeployedRelease decode(Secret secret, String where) {
        String name = secret.getMetadata().getName();
        String data = secret.getData() == null ? null : secret.getData().get("release");
        if (data == null) {
            throw new IstioInstallFailed("Helm release Secret " + name + " in " + where + " holds no release; "
                    + "delete it if it is not Helm's, or repair the release with 'helm rollback'.");
        }
        try {
            // the API's base64 of the bytes Helm stored, which are themselves base64 of the (gzipped) JSON
            byte[] stored = Base64.getDecoder().decode(Base64.getDecoder().decode(data));
            JsonNode release = JSON.readTree(stored.length > 1 && stored[0] == GZIP_MAGIC[0] && stored[1] == GZIP_MAGIC[1]
                    ? gunzip(stored) : new ByteArrayInputStream(stored));
            JsonNode metadata = release.path("chart").path("metadata");
            Map<String, Object> config = release.path("config").isObject()
                    ? JSON.convertValue(release.path("config"), new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            return new DeployedRelease(release.path("name").asText(), release.path("namespace").asText(),
                    release.path("info").path("status").asText(),
                    new ChartRef(metadata.path("name").asText(), metadata.path("version").asText()),
                    release.path("version").asInt(), config);
        } catch (IOException | IllegalArgumentException e) {
            throw new IstioInstallFailed("Helm release Secret " + name + " in " + where + " is not a Helm 3 release ("
                    + e.getClass().getSimpleName() + "); check it with 'helm list -n " + Istio.NAMESPACE + "'.");
        }
    }

    private static InputStream gunzip(byte[] gzipped) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gzipped));
    }
}
