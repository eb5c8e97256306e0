package meshonboarder.pki;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ManagedBy;

/**
 * The {@code cacerts} Secret that istiod reads at start to sign with a plugged-in CA instead of its self-signed
 * one. It must exist before istiod is installed: istiod that started without it keeps its own CA.
 */
public final class CaCertsSecret {

    public static final String NAME = "cacerts";
    public static final String CA_CERT = "ca-cert.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String ROOT_CERT = "root-cert.pem";
    public static final String CERT_CHAIN = "cert-chain.pem";

    private CaCertsSecret() {
    }

    /**
     * Built with {@code data}, not {@code stringData}: the API server stores only {@code data}, and comparing like
     * with like is what lets an unchanged re-run write nothing.
     */
    public static Secret desired(CertificateAuthority root, CertificateAuthority intermediate) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(Pem.encode(intermediate.certificate())));
        data.put(CA_KEY, base64(Pem.encode(intermediate.privateKey())));
        data.put(ROOT_CERT, base64(Pem.encode(root.certificate())));
        data.put(CERT_CHAIN, base64(Pem.encode(intermediate.certificate(), root.certificate())));
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace(Istio.NAMESPACE)
                .withName(NAME)
                .addToLabels(ManagedBy.LABEL, ManagedBy.VALUE)
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
