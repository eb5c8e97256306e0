package meshonboarder.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import meshonboarder.ca.CertificateAuthority;
import meshonboarder.ca.Pem;
import meshonboarder.errors.InvalidCa;
import meshonboarder.json.Json;

/**
 * The value of a CA secret in Secrets Manager, the same for roots and intermediates and for adopted roots:
 * <pre>{"certificate": "-----BEGIN CERTIFICATE-----\n...", "privateKey": "-----BEGIN PRIVATE KEY-----\n..."}</pre>
 * {@code certificate} is the CA's own certificate, one PEM block; {@code privateKey} its unencrypted key, written
 * as PKCS#8 (PKCS#1 and SEC1 PEM are read too). Errors name the secret and the defect, never the content.
 */
public final class CaSecretValue {

    static final String CERTIFICATE = "certificate";
    static final String PRIVATE_KEY = "privateKey";

    private CaSecretValue() {
    }

    public static String write(CertificateAuthority ca) {
        var value = Json.MAPPER.createObjectNode()
                .put(CERTIFICATE, Pem.encode(ca.certificate()))
                .put(PRIVATE_KEY, Pem.encode(ca.privateKey()));
        return value.toString();
    }

    /**
     * The CA in a secret's value, checked to be one certificate and the private key that belongs to it.
     *
     * @throws InvalidCa when it is anything else
     */
    public static CertificateAuthority read(String value, String secretName) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            // Jackson's message can quote the text it choked on: it is neither kept nor chained.
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw invalid(secretName, "is not a JSON object of the form {\"" + CERTIFICATE + "\": \"<PEM>\", \""
                    + PRIVATE_KEY + "\": \"<PEM>\"}");
        }
        String certificatePem = text(json, CERTIFICATE, secretName);
        String keyPem = text(json, PRIVATE_KEY, secretName);
        X509Certificate certificate = certificate(certificatePem, secretName);
        PrivateKey key = privateKey(keyPem, secretName);
        if (!CaCertificates.supports(key)) {
            throw invalid(secretName, "holds a " + key.getAlgorithm() + " key; a mesh CA key must be RSA or ECDSA");
        }
        if (!CaCertificates.keyMatches(certificate, key)) {
            throw invalid(secretName, "holds a private key that does not belong to its certificate");
        }
        return new CertificateAuthority(certificate, key);
    }

    private static X509Certificate certificate(String pem, String secretName) {
        List<X509Certificate> certificates;
        try {
            certificates = PemParser.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw invalid(secretName, "has a '" + CERTIFICATE + "' that " + e.getMessage());
        }
        if (certificates.size() != 1) {
            throw invalid(secretName, "has " + certificates.size() + " certificates in '" + CERTIFICATE
                    + "'; it must hold the CA's own certificate only");
        }
        return certificates.get(0);
    }

    private static PrivateKey privateKey(String pem, String secretName) {
        try {
            return PemParser.privateKey(pem);
        } catch (IllegalArgumentException e) {
            throw invalid(secretName, "has a '" + PRIVATE_KEY + "' that " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, String secretName) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw invalid(secretName, "has no '" + field + "' string");
        }
        return node.asText();
    }

    private static InvalidCa invalid(String secretName, String defect) {
        return new InvalidCa("The CA secret " + secretName + " " + defect + ". See docs/mesh-ca.md, "
                + "\"Secret value format\", for the expected format.");
    }
}
