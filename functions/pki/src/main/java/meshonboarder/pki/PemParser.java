package meshonboarder.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import meshonboarder.ca.Pem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM in, with BouncyCastle (PEM out is the domain's {@link Pem}). Parse errors say what is wrong in words and never
 * carry the parser's own message or cause, which could quote the input.
 */
public final class PemParser {

    private PemParser() {
    }

    /**
     * Every certificate in the text.
     *
     * @throws IllegalArgumentException when the text is not PEM certificates only
     */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (!(block instanceof X509CertificateHolder holder)) {
                    throw new Rejected("holds a PEM block that is not a certificate");
                }
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (Rejected e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new Rejected("is not valid PEM");
        }
        if (certificates.isEmpty()) {
            throw new Rejected("holds no PEM certificate");
        }
        return certificates;
    }

    /**
     * The one private key in the text: PKCS#8 ({@code BEGIN PRIVATE KEY}), or the PKCS#1 and SEC1 forms that older
     * OpenSSL writes ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}), so that an imported root works
     * as {@code openssl} left it.
     *
     * @throws IllegalArgumentException when the text is not exactly one unencrypted private key
     */
    public static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object block = parser.readObject();
            PrivateKeyInfo info;
            if (block instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (block instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                throw new Rejected("is encrypted; store it unencrypted "
                        + "(openssl pkcs8 -topk8 -nocrypt converts it)");
            } else {
                throw new Rejected("is not a PEM private key");
            }
            if (parser.readObject() != null) {
                throw new Rejected("holds more than one PEM block");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (Rejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Rejected("is not a valid PEM private key");
        }
    }

    /** Our own words about the input; anything the parser says instead is replaced, never passed on. */
    private static final class Rejected extends IllegalArgumentException {
        Rejected(String message) {
            super(message);
        }
    }
}
