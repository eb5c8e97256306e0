package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.Transient;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ObjectOperator;
import meshonboarder.reconcile.ReaderTokenSecret;
import meshonboarder.remote.ReaderState;
import meshonboarder.remote.ReaderToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a cluster has its reader identity ({@link ReaderObjects}) and reads its token. Idempotent and safe to
 * run from several executions at once: whatever exists is kept, and a create that loses a race reads the winner's.
 */
public final class ReaderIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderIdentity.class);

    /**
     * Ensures the objects and returns the token Secret's state.
     *
     * @param where the cluster, for logs and messages ("mesh1/eks-2")
     */
    public ReaderState ensure(KubernetesClient client, String where) {
        // '|', not '||': every object is ensured, whichever were created
        boolean created = createIfMissing(client, ReaderObjects.namespace(), where)
                | createIfMissing(client, ReaderObjects.serviceAccount(), where)
                | createIfMissing(client, ReaderObjects.clusterRole(), where)
                | createIfMissing(client, ReaderObjects.clusterRoleBinding(), where);
        Optional<Secret> existing = findTokenSecret(client, where);
        Secret secret;
        if (existing.isPresent()) {
            secret = existing.get();
        } else {
            created |= createIfMissing(client, ReaderObjects.tokenSecret(), where);
            secret = read(client, ReaderObjects.TOKEN_SECRET, where);
        }
        return new ReaderState(secret.getMetadata().getName(), created, ReaderObjects.tokenOf(secret));
    }

    /** An existing token Secret of the reader account (one made by istioctl or by hand is reused). */
    private static Optional<Secret> findTokenSecret(KubernetesClient client, String where) {
        try {
            return pickTokenSecret(client.secrets().inNamespace(Istio.NAMESPACE).list().getItems());
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "listing the Secrets of " + Istio.NAMESPACE + " in " + where);
        }
    }

    /**
     * The reader's current token Secret among the Secrets of {@code istio-system}: the newest filled one
     * ({@link ReaderTokenSecret#current}), so that every run, and every step, picks the same one, and a rotated
     * token replaces the old one as soon as it is filled.
     */
    static Optional<Secret> pickTokenSecret(List<Secret> secrets) {
        Map<ReaderTokenSecret, Secret> tokens = new LinkedHashMap<>();
        secrets.stream().filter(ReaderObjects::isReaderToken).forEach(s -> tokens.put(describe(s), s));
        return ReaderTokenSecret.current(List.copyOf(tokens.keySet())).map(tokens::get);
    }

    /** The token Secret as the rotation sees it: its token only as a digest. */
    static ReaderTokenSecret describe(Secret secret) {
        ReaderToken token = ReaderObjects.tokenOf(secret);
        String created = secret.getMetadata().getCreationTimestamp();
        return new ReaderTokenSecret(secret.getMetadata().getName(), created == null ? null : Instant.parse(created),
                token == null ? null : token.digest(), ReaderObjects.managed(secret));
    }

    private static Secret read(KubernetesClient client, String name, String where) {
        try {
            Secret secret = client.secrets().inNamespace(Istio.NAMESPACE).withName(name).get();
            if (secret == null) {
                throw new Transient("Secret " + Istio.NAMESPACE + "/" + name + " disappeared from " + where
                        + " right after it was created; retrying.");
            }
            return secret;
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading Secret " + Istio.NAMESPACE + "/" + name + " in " + where);
        }
    }

    /** Creates the object unless one of that name exists; true when this call created it. */
    private static boolean createIfMissing(KubernetesClient client, HasMetadata desired, String where) {
        if (ObjectOperator.apply(client, where, desired, ObjectOperator.createOnly()) != ApplyOutcome.CREATED) {
            return false;
        }
        LOG.info("created {} in {}", ObjectOperator.describe(desired), where);
        return true;
    }
}
