package meshonboarder.kubernetes;

import meshonboarder.cluster.ApplyOutcome;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a desired Secret (Strimzi's {@code SecretOperator} habit): creates it, updates it when its type, data or
 * our labels and annotations differ, and otherwise leaves it alone, so that an unchanged re-run writes nothing (no
 * new resourceVersion). The Secret is owned whole: keys in {@code data} that the desired object lacks are removed.
 * Labels and annotations of others stay. Never logs or quotes a Secret: they hold credentials.
 */
public final class SecretOperator {

    // Another writer between our read and our write (a concurrent onboarding writing the same Secret): read again.
    private static final int ATTEMPTS = 3;

    /** @param clusterName names the cluster in error messages */
    public ApplyOutcome apply(KubernetesClient client, String clusterName, Secret desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(client, desired, namespace, name);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw KubernetesErrors.translate(e, "writing Secret " + namespace + "/" + name + " in cluster "
                            + clusterName);
                }
            }
        }
    }

    /** Deletes the Secret; one that is not there is {@link ApplyOutcome#ABSENT}. */
    public ApplyOutcome delete(KubernetesClient client, String clusterName, String namespace, String name) {
        try {
            return client.secrets().inNamespace(namespace).withName(name).delete().isEmpty()
                    ? ApplyOutcome.ABSENT : ApplyOutcome.DELETED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return ApplyOutcome.ABSENT;
            }
            throw KubernetesErrors.translate(e, "deleting Secret " + namespace + "/" + name + " in cluster "
                    + clusterName);
        }
    }

    private static ApplyOutcome applyOnce(KubernetesClient client, Secret desired, String namespace, String name) {
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
                .withStringData(null)
                .editMetadata()
                .addToLabels(desired.getMetadata().getLabels())
                .addToAnnotations(desired.getMetadata().getAnnotations())
                .endMetadata()
                .build();
        // Carries current's resourceVersion: a concurrent change makes this fail (409) instead of losing it.
        client.secrets().inNamespace(namespace).resource(updated).update();
        return ApplyOutcome.UPDATED;
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
