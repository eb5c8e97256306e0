package meshonboarder.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A CA: its certificate and the private key that signs with it. Lives only in memory between Secrets Manager
 * and the cluster; {@link #toString()} leaves the key out so that no log line or message can carry it.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {

    /** SHA-256 of the certificate, as {@code openssl x509 -noout -fingerprint -sha256} prints it. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[subject=" + subject() + ", sha256=" + fingerprint() + ", notAfter=" + notAfter()
                + "]";
    }
}
