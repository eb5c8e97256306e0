package meshonboarder.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import meshonboarder.cluster.ApplyOutcome;

/**
 * Applies a desired Secret (Strimzi's {@code SecretOperator} habit): creates it, updates it when its type, data or
 * our labels and annotations differ, and otherwise leaves it alone, so that an unchanged re-run writes nothing (no
 * new resourceVersion). The Secret is owned whole: keys in {@code data} that the desired object lacks are removed.
 * Labels and annotations of others stay. Never logs or quotes a Secret: they hold credentials.
 */
public final class SecretOperator {

    private static final ObjectOperator.Merge<Secret> MERGE = new ObjectOperator.Merge<>() {
        @Override
        public Secret merge(Secret current, Secret desired) {
            if (matches(current, desired)) {
                return null;
            }
            return new SecretBuilder(current)
                    .withData(desired.getData())
                    .withStringData(null)
                    .editMetadata()
                    .addToLabels(desired.getMetadata().getLabels())
                    .addToAnnotations(desired.getMetadata().getAnnotations())
                    .endMetadata()
                    .build();
        }

        /** The type and an immutable Secret's data cannot be changed in place. */
        @Override
        public boolean recreate(Secret current, Secret desired) {
            return !matches(current, desired)
                    && (!Objects.equals(typeOf(current), typeOf(desired)) || Boolean.TRUE.equals(current.getImmutable()));
        }
    };

    /** @param clusterName names the cluster in error messages */
    public ApplyOutcome apply(KubernetesClient client, String clusterName, Secret desired) {
        return ObjectOperator.apply(client, "cluster " + clusterName, desired, MERGE);
    }

    /** Deletes the Secret; one that is not there is {@link ApplyOutcome#ABSENT}. */
    public ApplyOutcome delete(KubernetesClient client, String clusterName, String namespace, String name) {
        return ObjectOperator.delete(client, "cluster " + clusterName,
                new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build());
    }

    static boolean matches(Secret current, Secret desired) {
        return Objects.equals(typeOf(current), typeOf(desired))
                && sameData(current.getData(), desired.getData())
                && contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    }

    /** The API server fills in Opaque when no type is given. */
    private static String typeOf(Secret secret) {
        return secret.getType() == null ? "Opaque" : secret.getType();
    }

    // Compared as bytes: the API server may re-encode base64 differently from how it was sent.
    private static boolean sameData(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> a = orEmpty(current);
        Map<String, String> b = orEmpty(desired);
        return a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(key -> Arrays.equals(decode(a.get(key)), decode(b.get(key))));
    }

    private static byte[] decode(String base64) {
        return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64);
    }

    private static boolean contains(Map<String, String> actual, Map<String, String> expected) {
        return orEmpty(actual).entrySet().containsAll(orEmpty(expected).entrySet());
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
