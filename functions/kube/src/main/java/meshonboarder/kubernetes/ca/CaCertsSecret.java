package meshonboarder.kubernetes.ca;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import meshonboarder.ca.CaCerts;
import meshonboarder.istio.Istio;
import meshonboarder.kubernetes.ManagedBy;

/**
 * The {@code cacerts} Secret that istiod reads at start to sign with a plugged-in CA instead of its self-signed
 * one ({@link CaCerts}), in the file names Istio's plug-in CA reads.
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
    public static Secret desired(CaCerts cacerts) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(cacerts.caCert()));
        data.put(CA_KEY, base64(cacerts.caKey()));
        data.put(ROOT_CERT, base64(cacerts.rootCert()));
        data.put(CERT_CHAIN, base64(cacerts.certChain()));
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
