package meshonboarder.ca;

import java.time.Instant;
import meshonboarder.cluster.ApplyOutcome;

/**
 * The output of {@code EnsureCa} ({@code $.ca}): where the CAs live and which certificates they are, never key
 * material. Fingerprints are SHA-256 in openssl's notation, to compare with
 * {@code openssl x509 -noout -fingerprint -sha256}.
 */
public record CaResult(String rootSecretArn, String rootFingerprint, Instant rootNotAfter, RootOutcome rootOutcome,
                       String intermediateSecretArn, String intermediateFingerprint, Instant intermediateNotAfter,
                       IntermediateOutcome intermediateOutcome, ApplyOutcome cacerts) {

    public static CaResult of(RootCa root, IntermediateCa intermediate, ApplyOutcome cacerts) {
        return new CaResult(root.secretArn(), root.ca().fingerprint(), root.ca().notAfter(), root.outcome(),
                intermediate.secretArn(), intermediate.ca().fingerprint(), intermediate.ca().notAfter(),
                intermediate.outcome(), cacerts);
    }
}
