package meshonboarder.pki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import meshonboarder.ca.CaIssuer;
import meshonboarder.ca.CertificateAuthority;

/** {@link CaIssuer} with BouncyCastle: {@link CaCertificates} issues, {@link CaSecretValue} reads and writes. */
public final class BouncyCastleCaIssuer implements CaIssuer {

    @Override
    public CertificateAuthority root(String meshId, KeyPair keys, Duration validity, Instant now, SecureRandom random) {
        return CaCertificates.root(meshId, keys, validity, now, random);
    }

    @Override
    public CertificateAuthority intermediate(CertificateAuthority root, String meshId, String clusterName,
                                             KeyPair keys, Duration validity, Instant now, SecureRandom random) {
        return CaCertificates.intermediate(root, meshId, clusterName, keys, validity, now, random);
    }

    @Override
    public CertificateAuthority read(String secretValue, String secretName) {
        return CaSecretValue.read(secretValue, secretName);
    }

    @Override
    public String write(CertificateAuthority ca) {
        return CaSecretValue.write(ca);
    }
}
