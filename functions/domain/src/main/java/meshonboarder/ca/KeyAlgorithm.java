package meshonboarder.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;
import meshonboarder.errors.InvalidInput;

/** The key type of the CAs mesh-onboarder generates ({@code CA_KEY_ALGORITHM}); adopted roots keep theirs. */
public enum KeyAlgorithm {
    /** What Istio's {@code tools/certs} generates (ROOTCA_KEYSZ, INTERMEDIATE_KEYSZ). */
    RSA_4096,
    /** Faster to generate and to sign with; every Istio version supported here accepts it. */
    ECDSA_P256;

    public static KeyAlgorithm of(String value) {
        return Arrays.stream(values()).filter(a -> a.name().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("The environment variable CA_KEY_ALGORITHM must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ", not '"
                        + value + "'."));
    }

    /** A new key pair; {@code random} is made per call by the caller, never at init (SnapStart would share it). */
    public KeyPair generate(SecureRandom random) {
        try {
            return switch (this) {
                case RSA_4096 -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(4096, random);
                    yield rsa.generateKeyPair();
                }
                case ECDSA_P256 -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                    ec.initialize(new ECGenParameterSpec("secp256r1"), random);
                    yield ec.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }
}
