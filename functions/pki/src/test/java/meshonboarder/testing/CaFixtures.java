package meshonboarder.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import meshonboarder.json.Json;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * CA material made outside mesh-onboarder's own code, as a user would bring it, and the JDK's own chain check.
 * Built with BouncyCastle directly so that tests of our builders do not validate them with themselves.
 */
public final class CaFixtures {

    private CaFixtures() {
    }

    /** PEMs as a user has them: a certificate and its key, the way openssl writes them. */
    public record PemPair(String certificate, String privateKey) {

        /** The Secrets Manager value format of docs/mesh-ca.md ({@code certificate}, {@code privateKey}). */
        public String secretValue() {
            return Json.MAPPER.createObjectNode().put("certificate", certificate).put("privateKey", privateKey)
                    .toString();
        }
    }

    /**
     * A root like Istio's {@code tools/certs} makes ({@code make -f Makefile.selfsigned.mk root-ca}): self-signed,
     * {@code O=Istio, CN=Root CA}, CA:true; the key written as {@code BEGIN RSA PRIVATE KEY} (OpenSSL 1.1's genrsa).
     */
    public static PemPair toolsCertsRoot() {
        KeyPair keys = rsa(2048);
        return new PemPair(pem(selfSigned(keys, new X500Name("O=Istio,CN=Root CA"), true)), pem(keys));
    }

    /** A self-signed certificate that is not a CA (no basicConstraints CA:true). */
    public static PemPair notACa() {
        KeyPair keys = rsa(2048);
        return new PemPair(pem(selfSigned(keys, new X500Name("O=Example,CN=www.example.com"), false)), pem(keys));
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate selfSigned(KeyPair keys, X500Name name, boolean ca) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM as openssl writes it: {@code CERTIFICATE}, or {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof KeyPair pair ? pair.getPrivate() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Validates {@code chain} (leaf first, without the root) with the JDK's PKIX {@link CertPathValidator}, the
     * root as the only trust anchor; throws when it does not hold.
     */
    public static void validate(List<X509Certificate> chain, X509Certificate root) throws GeneralSecurityException {
        validate(chain, root, Instant.now());
    }

    /** As {@link #validate(List, X509Certificate)}, at the given time. */
    public static void validate(List<X509Certificate> chain, X509Certificate root, Instant at)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }
}
