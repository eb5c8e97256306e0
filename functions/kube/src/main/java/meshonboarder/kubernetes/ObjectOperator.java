package meshonboarder.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import meshonboarder.cluster.ApplyOutcome;

/**
 * The one way mesh-onboarder writes a Kubernetes object (Strimzi's resource-operator habit): read, then create,
 * update or leave alone, so that an unchanged re-run writes nothing (no new resourceVersion) and says
 * {@link ApplyOutcome#UNCHANGED}. Builders say what an object should look like; a {@link Merge} says how an
 * existing one is brought there. Every failure is named by {@link KubernetesErrors}.
 */
public final class ObjectOperator {

    // Another writer between our read and our write (a concurrent onboarding writing the same object): read again.
    private static final int ATTEMPTS = 3;

    private ObjectOperator() {
    }

    /** How an existing object is brought to the desired one. */
    public interface Merge<T extends HasMetadata> {

        /**
         * The object to write over {@code current}, built on it so that its resourceVersion makes the write
         * conditional (a concurrent change fails with 409 instead of being lost); null when nothing is to change.
         */
        T merge(T current, T desired);

        /** Whether {@code current} must be deleted and created anew (fields the API server will not update). */
        default boolean recreate(T current, T desired) {
            return false;
        }
    }

    /** Creates the object when missing; an existing one is left as it is (its fields belong to whoever set them). */
    public static <T extends HasMetadata> Merge<T> createOnly() {
        return (current, desired) -> null;
    }

    /** @param where the cluster, for messages: "cluster eks-1", "mesh1/eks-2" */
    public static <T extends HasMetadata> ApplyOutcome apply(KubernetesClient client, String where, T desired,
                                                             Merge<T> merge) {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(client, desired, merge);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw KubernetesErrors.translate(e, "writing " + describe(desired) + " in " + where);
                }
            }
        }
    }

    /** A namespace that exists, whatever its labels. */
    public static ApplyOutcome ensureNamespace(KubernetesClient client, String where, String name) {
        return apply(client, where, new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(),
                createOnly());
    }

    /**
     * Writes {@code desired}, read earlier and changed by the caller, over the object: its resourceVersion makes
     * the write conditional, so that if anyone changed the object meanwhile the API server refuses it (409, a
     * {@link meshonboarder.errors.Transient}) and the step is retried from the read.
     */
    public static <T extends HasMetadata> void replace(KubernetesClient client, String where, T desired) {
        try {
            client.resource(desired).update();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "updating " + describe(desired) + " in " + where);
        }
    }

    /** Deletes the object; one that is not there is {@link ApplyOutcome#ABSENT}. */
    public static ApplyOutcome delete(KubernetesClient client, String where, HasMetadata object) {
        try {
            return client.resource(object).delete().isEmpty() ? ApplyOutcome.ABSENT : ApplyOutcome.DELETED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return ApplyOutcome.ABSENT;
            }
            throw KubernetesErrors.translate(e, "deleting " + describe(object) + " in " + where);
        }
    }

    /** "Secret istio-system/cacerts", "Namespace istio-system". */
    public static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> ApplyOutcome applyOnce(KubernetesClient client, T desired,
                                                                  Merge<T> merge) {
        T current = client.resource(desired).get();
        if (current == null) {
            client.resource(desired).create();
            return ApplyOutcome.CREATED;
        }
        if (merge.recreate(current, desired)) {
            client.resource(current).delete();
            client.resource(desired).create();
            return ApplyOutcome.UPDATED;
        }
        T updated = merge.merge(current, desired);
        if (updated == null) {
            return ApplyOutcome.UNCHANGED;
        }
        client.resource(updated).update();
        return ApplyOutcome.UPDATED;
    }
}
