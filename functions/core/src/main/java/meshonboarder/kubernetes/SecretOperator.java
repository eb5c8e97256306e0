package meshonboarder.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a desired Secret: creates it, updates it when its type, data or our labels and annotations differ, and
 * otherwise leaves it alone, so that an unchanged re-run writes nothing (no new resourceVersion). The Secret is
 * owned whole: keys in {@code data} that the desired object lacks are removed. Labels and annotations of others
 * stay.
 */
public final class SecretOperator {

    /** @param clusterName names the cluster in error messages */
    public ApplyOutcome apply(KubernetesClient client, String clusterName, Secret desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        String action = "writing Secret " + namespace + "/" + name + " in cluster " + clusterName;
        try {
            Secret current = client.secrets().inNamespace(namespace).withName(name).get();
            if (current == null) {
                client.secrets().inNamespace(namespace).resource(desired).create();
                return ApplyOutcome.CREATED;
            }
            if (matches(current, desired)) {
                return ApplyOutcome.UNCHANGED;
            }
            if (!Objects.equals(typeOf(current), typeOf(desired)) || Boolean.TRUE.equals(current.getImmutable())) {
                // The type and an immutable Secret's data cannot be changed in place.
                client.secrets().inNamespace(namespace).withName(name).delete();
                client.secrets().inNamespace(namespace).resource(desired).create();
                return ApplyOutcome.UPDATED;
            }
            Secret updated = new SecretBuilder(current)
                    .withData(desired.getData())
                    .editMetadata()
                    .addToLabels(desired.getMetadata().getLabels())
                    .addToAnnotations(desired.getMetadata().getAnnotations())
                    .endMetadata()
                    .build();
            // Carries current's resourceVersion: a concurrent change makes this fail (409) instead of losing it.
            client.secrets().inNamespace(namespace).resource(updated).update();
            return ApplyOutcome.UPDATED;
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, action);
        }
    }

    private static boolean matches(Secret current, Secret desired) {
        return Objects.equals(typeOf(current), typeOf(desired))
                && Objects.equals(orEmpty(current.getData()), orEmpty(desired.getData()))
                && contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    }

    /** The API server fills in Opaque when no type is given. */
    private static String typeOf(Secret secret) {
        return secret.getType() == null ? "Opaque" : secret.getType();
    }

    private static boolean contains(Map<String, String> actual, Map<String, String> expected) {
        return orEmpty(actual).entrySet().containsAll(orEmpty(expected).entrySet());
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
