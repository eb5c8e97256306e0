package meshonboarder.kubernetes.remote;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.KubernetesErrors;
import meshonboarder.kubernetes.ObjectOperator;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.ReaderTokenSecret;
import meshonboarder.reconcile.ReaderTokenStore;

/**
 * {@link ReaderTokenStore} on Kubernetes. A token Secret of a service account is a long-lived token that works
 * while the Secret exists: the API server looks the Secret up on every request (kube-apiserver
 * {@code --service-account-lookup}, on by default), so deleting it revokes the token
 * (https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets,
 * https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/).
 */
public final class KubernetesReaderTokens implements ReaderTokenStore {

    private final ClusterConnector connector;

    public KubernetesReaderTokens(ClusterConnector connector) {
        this.connector = connector;
    }

    @Override
    public List<ReaderTokenSecret> list(Member member) {
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            return client.secrets().inNamespace(Istio.NAMESPACE).list().getItems().stream()
                    .filter(ReaderObjects::isReaderToken).map(ReaderIdentity::describe).toList();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "listing the Secrets of " + Istio.NAMESPACE + " in " + where(member));
        }
    }

    @Override
    public String issue(Member member, Instant at) {
        Secret secret = ReaderObjects.rotatedTokenSecret(at);
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            // create-only: a retried step that made it already finds it
            ObjectOperator.apply(client, where(member), secret, ObjectOperator.createOnly());
        }
        return secret.getMetadata().getName();
    }

    @Override
    public Optional<String> heldTokenDigest(Member holder, String subject) {
        Secret secret;
        try (KubernetesClient client = connector.connect(holder.region(), holder.clusterName())) {
            secret = client.secrets().inNamespace(Istio.NAMESPACE).withName(RemoteSecret.name(subject)).get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, "reading Secret " + Istio.NAMESPACE + "/" + RemoteSecret.name(subject)
                    + " in " + where(holder));
        }
        return secret == null ? Optional.empty()
                : Optional.ofNullable(KubernetesMemberReader.heldOf(secret, subject).tokenDigest());
    }

    @Override
    public void revoke(Member member, String name) {
        Secret secret = new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(Istio.NAMESPACE).endMetadata().build();
        try (KubernetesClient client = connector.connect(member.region(), member.clusterName())) {
            ObjectOperator.delete(client, where(member), secret);
        }
    }

    private static String where(Member member) {
        return member.meshId() + "/" + member.clusterName();
    }
}
