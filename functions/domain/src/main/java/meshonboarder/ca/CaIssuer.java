package meshonboarder.ca;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Port: making CA certificates and reading and writing a CA secret's value ({@code {certificate, privateKey}} as
 * PEM: docs/mesh-ca.md). Pure: the caller brings the keys, the time and the randomness; nothing is stored.
 */
public interface CaIssuer {

    /** Certificates start this much in the past, so that a node whose clock lags accepts them at once. */
    Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A self-signed root CA for the mesh, valid for {@code validity} from {@code now}. */
    CertificateAuthority root(String meshId, KeyPair keys, Duration validity, Instant now, SecureRandom random);

    /** An intermediate CA for one cluster, signed by {@code root}, never outliving it. */
    CertificateAuthority intermediate(CertificateAuthority root, String meshId, String clusterName, KeyPair keys,
                                      Duration validity, Instant now, SecureRandom random);

    /**
     * The CA in a secret's value, checked to be one certificate and the private key that belongs to it.
     *
     * @throws meshonboarder.errors.InvalidCa when it is anything else (the message names the secret, never the value)
     */
    CertificateAuthority read(String secretValue, String secretName);

    /** The secret value of {@code ca}. */
    String write(CertificateAuthority ca);
}
