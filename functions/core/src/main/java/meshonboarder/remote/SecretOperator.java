package meshonboarder.remote;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import meshonboarder.kubernetes.KubernetesErrors;

/**
 * Writes Secrets only when they differ from the desired ones, and deletes them (Strimzi's {@code SecretOperator}
 * habit). A Secret equals the desired one when its data is the same and it carries the desired labels and
 * annotations; labels and annotations others put on it are kept. Never logs or quotes a Secret: they hold
 * credentials.
 */
public final class SecretOperator {

    // Another writer between our read and our write (a concurrent onboarding writing the same Secret): read again.
    private static final int ATTEMPTS = 3;

    /**
     * Creates, updates or leaves the Secret.
     *
     * @param where the cluster, for error messages ("cluster 'eks-2'")
     */
    public Outcome reconcile(KubernetesClient client, Secret desired, String where) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                Secret current = client.secrets().inNamespace(namespace).withName(name).get();
                if (current == null) {
                    client.secrets().inNamespace(namespace).resource(desired).create();
                    return Outcome.CREATED;
                }
                if (matches(current, desired)) {
                    return Outcome.UNCHANGED;
                }
                client.secrets().inNamespace(namespace).resource(merged(current, desired)).update();
                return Outcome.UPDATED;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw KubernetesErrors.translate(e, "writing Secret " + namespace + "/" + name + " in " + where);
                }
            }
        }
    }

    /** Deletes the Secret; one that is not there is {@link Outcome#ABSENT}. */
    public Outcome delete(KubernetesClient client, String namespace, String name, String where) {
        try {
            return client.secrets().inNamespace(namespace).withName(name).delete().isEmpty()
                    ? Outcome.ABSENT : Outcome.DELETED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return Outcome.ABSENT;
            }
            throw KubernetesErrors.translate(e, "deleting Secret " + namespace + "/" + name + " in " + where);
        }
    }

    static boolean matches(Secret current, Secret desired) {
        return sameData(current.getData(), desired.getData())
                && contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    }

    /** The current Secret (its resourceVersion: a concurrent change fails with 409) with the desired content. */
    private static Secret merged(Secret current, Secret desired) {
        ObjectMeta metadata = current.getMetadata();
        Map<String, String> labels = new HashMap<>(orEmpty(metadata.getLabels()));
        labels.putAll(orEmpty(desired.getMetadata().getLabels()));
        Map<String, String> annotations = new HashMap<>(orEmpty(metadata.getAnnotations()));
        annotations.putAll(orEmpty(desired.getMetadata().getAnnotations()));
        return new SecretBuilder(current)
                .editMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .withData(desired.getData())
                .withStringData(null)
                .build();
    }

    // Compared as bytes: the API server may re-encode base64 differently from how it was sent.
    private static boolean sameData(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> a = orEmpty(current);
        Map<String, String> b = orEmpty(desired);
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(key -> Arrays.equals(decode(a.get(key)), decode(b.get(key))));
    }

    private static byte[] decode(String base64) {
        return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64);
    }

    private static boolean contains(Map<String, String> current, Map<String, String> desired) {
        Map<String, String> have = orEmpty(current);
        return orEmpty(desired).entrySet().stream().allMatch(e -> Objects.equals(have.get(e.getKey()), e.getValue()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
