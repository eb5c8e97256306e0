package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ManagedBy;

/**
 * The remote secret that lets istiod in one cluster read another, in the format of
 * {@code istioctl create-remote-secret}: Secret {@code istio-remote-secret-<cluster>} in {@code istio-system}, label
 * {@code istio/multiCluster: "true"} (what istiod's secret controller watches), annotation
 * {@code networking.istio.io/cluster: <cluster>}, and one data key, the cluster's Istio {@code clusterName}, holding
 * the kubeconfig. istiod takes every data key as a cluster id, so the Secret holds that one key and nothing else.
 */
public final class RemoteSecret {

    public static final String PREFIX = "istio-remote-secret-";
    public static final String MULTI_CLUSTER_LABEL = "istio/multiCluster";
    public static final String CLUSTER_ANNOTATION = "networking.istio.io/cluster";

    // A Secret name is a DNS subdomain (lowercase); EKS names may have capitals and underscores.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private RemoteSecret() {
    }

    /**
     * {@code istio-remote-secret-<cluster>}, as istioctl names it. A name that is not a lowercase DNS label
     * ({@code Prod_East}) is lowercased, {@code _} becomes {@code -}, and a hash of the real name keeps two such
     * names apart ({@code istio-remote-secret-prod-east-<8 hex>}).
     */
    public static String name(String clusterName) {
        if (DNS_LABEL.matcher(clusterName).matches()) {
            return PREFIX + clusterName;
        }
        String lowered = clusterName.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("^-+|-+$", "");
        return PREFIX + (lowered.isEmpty() ? "" : lowered + "-") + shortHash(clusterName);
    }

    /** The Secret for {@code clusterName}'s kubeconfig, to be written into every other member. */
    public static Secret of(String clusterName, String kubeconfig) {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalArgumentException("the remote secret of cluster '" + clusterName + "' needs a kubeconfig");
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name(clusterName))
                .withNamespace(Istio.NAMESPACE)
                .addToLabels(MULTI_CLUSTER_LABEL, "true")
                .addToLabels(ManagedBy.LABEL, ManagedBy.VALUE)
                .addToAnnotations(CLUSTER_ANNOTATION, clusterName)
                .endMetadata()
                .withType("Opaque")
                .addToData(clusterName, Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
