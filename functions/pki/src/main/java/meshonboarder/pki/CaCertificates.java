package meshonboarder.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import meshonboarder.ca.CaIssuer;
import meshonboarder.ca.CertificateAuthority;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the mesh's CA certificates the way Istio's {@code tools/certs} Makefiles do, so that istiod takes them
 * as a plugged-in CA: a self-signed root ({@code O=Istio, CN=Root CA}) and per cluster an intermediate
 * ({@code O=Istio, CN=Intermediate CA, L=<cluster>}, SAN {@code DNS:istiod.istio-system.svc}, path length 0).
 * Both also carry the mesh id as OU so that a certificate says which mesh it belongs to. Pure: the caller
 * brings the keys, the time and the randomness.
 *
 * <p>Key usage is keyCertSign, cRLSign and digitalSignature. {@code tools/certs} also asks for keyEncipherment
 * and nonRepudiation, which mean nothing for a CA and are wrong for an EC key. No extended key usage is set:
 * an EKU on a CA constrains every certificate below it, and workload certificates need both serverAuth and
 * clientAuth.
 */
public final class CaCertificates {

    /** The SAN of an istiod serving certificate; tools/certs puts it on every intermediate (INTERMEDIATE_SAN_DNS). */
    public static final String ISTIOD_SAN = "istiod.istio-system.svc";

    private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;

    private CaCertificates() {
    }

    /** A self-signed root CA for the mesh, valid for {@code validity} from {@code now}. */
    public static CertificateAuthority root(String meshId, KeyPair keys, Duration validity, Instant now,
                                            SecureRandom random) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Istio").addRDN(BCStyle.OU, meshId).addRDN(BCStyle.CN, "Root CA").build();
        Instant start = seconds(now).minus(CaIssuer.CLOCK_SKEW);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(start), Date.from(seconds(now).plus(validity)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not build the root CA certificate of mesh " + meshId, e);
        }
    }

    /**
     * An intermediate CA for one cluster, signed by {@code root}. It never outlives the root: a certificate valid
     * after its issuer expires would fail validation from that moment on anyway.
     */
    public static CertificateAuthority intermediate(CertificateAuthority root, String meshId, String clusterName,
                                                    KeyPair keys, Duration validity, Instant now,
                                                    SecureRandom random) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Istio").addRDN(BCStyle.OU, meshId).addRDN(BCStyle.L, clusterName)
                .addRDN(BCStyle.CN, "Intermediate CA").build();
        Instant start = latest(seconds(now).minus(CaIssuer.CLOCK_SKEW), root.certificate().getNotBefore().toInstant());
        Instant end = earliest(seconds(now).plus(validity), root.notAfter());
        try {
            // The issuer name is copied from the root's certificate byte for byte, whatever its encoding.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root.certificate(), serial(random),
                    Date.from(start), Date.from(end), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, ISTIOD_SAN)));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    authorityKeyIdentifier(root.certificate(), extensions));
            return new CertificateAuthority(sign(builder, root.privateKey()), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not build the intermediate CA certificate of cluster "
                    + clusterName, e);
        }
    }

    /** True for the key types Istio accepts for a CA and that we sign with SHA-256: RSA and ECDSA. */
    public static boolean supports(Key key) {
        return "RSA".equals(key.getAlgorithm()) || "EC".equals(key.getAlgorithm());
    }

    /** SHA-256 with the key's own algorithm. */
    public static String signatureAlgorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported CA key type " + key.getAlgorithm());
        };
    }

    /** True when {@code key} is the private half of the certificate's public key (a test signature proves it). */
    public static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!supports(key) || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(signatureAlgorithm(key));
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(key));
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
    }

    /** The root's own key identifier when it has one (an adopted root may compute it differently), else ours. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer,
                                                                 JcaX509ExtensionUtils extensions)
            throws IOException {
        byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski == null) {
            return extensions.createAuthorityKeyIdentifier(issuer.getPublicKey());
        }
        return new AuthorityKeyIdentifier(
                SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier());
    }

    /** Positive, at most 20 octets, 158 random bits (RFC 5280 section 4.1.2.2; CA/B asks for at least 64). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(158, random).add(BigInteger.ONE);
    }

    /** X.509 times have whole seconds: truncate first so that what we compute is what the certificate says. */
    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
