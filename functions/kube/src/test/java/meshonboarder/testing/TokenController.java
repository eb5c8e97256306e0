package meshonboarder.testing;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Plays the Kubernetes token controller in a mock API server (no controller runs there: docs/design.md, "Stand-ins"): fills
 * {@code token} and {@code ca.crt} of every {@code kubernetes.io/service-account-token} Secret that lacks them, as
 * kube-controller-manager does for a Secret whose annotation names an existing ServiceAccount.
 */
public final class TokenController {

    private TokenController() {
    }

    /**
     * Fills the unfilled token Secrets of the namespace with a fresh token each.
     *
     * @param caBase64 the cluster CA as EKS gives it (base64 of PEM), stored as {@code ca.crt}
     * @return how many Secrets were filled
     */
    public static int fill(KubernetesClient client, String namespace, String caBase64) {
        int filled = 0;
        for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
            boolean isToken = "kubernetes.io/service-account-token".equals(secret.getType());
            boolean empty = secret.getData() == null || !secret.getData().containsKey("token");
            if (isToken && empty) {
                client.secrets().inNamespace(namespace).resource(new SecretBuilder(secret)
                        .addToData("token", base64(token(secret.getMetadata().getName())))
                        .addToData("ca.crt", caBase64)
                        .build()).update();
                filled++;
            }
        }
        return filled;
    }

    /** The token a filled Secret holds, decoded. */
    public static String tokenOf(KubernetesClient client, String namespace, String secretName) {
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    // JWT-shaped, distinct per Secret and per fill
    private static String token(String secretName) {
        String claims = "{\"sub\":\"" + secretName + "\",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
