package meshonboarder.ca;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import meshonboarder.errors.InvalidCa;
import meshonboarder.errors.Transient;
import meshonboarder.secrets.CaSecretNames;
import meshonboarder.secrets.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EnsureCa's decisions about the root CA of each mesh, kept in Secrets Manager: generated on first use, or adopted
 * when a user put one there before the first onboarding, and from then on reused. Creation is race-safe without a
 * lock: CreateSecret fails for a name that exists, so of two onboardings of a new mesh exactly one creates the root
 * and the other reads it.
 */
public final class RootCaPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RootCaPolicy.class);
    private static final int KEY_CERT_SIGN = 5;
    private static final int MIN_RSA_BITS = 2048;

    private final SecretStore store;
    private final CaSecretNames names;
    private final CaSettings settings;
    private final CaIssuer issuer;
    private final Clock clock;

    public RootCaPolicy(SecretStore store, CaSecretNames names, CaSettings settings, CaIssuer issuer, Clock clock) {
        this.store = store;
        this.names = names;
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
    }

    public RootCa ensure(String meshId) {
        String name = names.root(meshId);
        Optional<SecretStore.Metadata> found = store.describe(name);
        if (found.isEmpty()) {
            Optional<RootCa> created = create(meshId, name);
            if (created.isPresent()) {
                return created.get();
            }
            // Another onboarding of this mesh created the root between our look and our CreateSecret: use theirs.
            LOG.info("root CA secret {} was created by a concurrent onboarding; using that one", name);
            found = store.describe(name);
            if (found.isEmpty()) {
                throw new Transient("Secrets Manager said the root CA secret " + name + " exists but could not "
                        + "describe it.");
            }
        }
        return existing(meshId, found.get());
    }

    private Optional<RootCa> create(String meshId, String name) {
        SecureRandom random = new SecureRandom(); // per call: a SnapStart snapshot must not share random state
        CertificateAuthority ca = issuer.root(meshId, settings.keyAlgorithm().generate(random),
                settings.rootValidity(), clock.instant(), random);
        return store.create(name, issuer.write(ca), CaSecretNames.rootTags(meshId)).map(arn -> {
            LOG.info("created root CA {} (sha256 {}, valid until {}) in secret {}", ca.subject(),
                    ca.fingerprint(), ca.notAfter(), arn);
            return new RootCa(ca, name, arn, RootOutcome.CREATED);
        });
    }

    private RootCa existing(String meshId, SecretStore.Metadata secret) {
        String name = secret.name() != null ? secret.name() : names.root(meshId);
        if (secret.scheduledForDeletion()) {
            throw new InvalidCa("The root CA secret " + name + " of mesh " + meshId + " is scheduled for deletion. "
                    + "Restore it (aws secretsmanager restore-secret --secret-id " + name + ") to keep the mesh's "
                    + "trust, or see docs/mesh-ca.md, \"Rotating\", to replace the root.");
        }
        String value = store.currentValue(secret.arn()).orElseThrow(() -> new InvalidCa("The root CA secret "
                + name + " of mesh " + meshId + " has no value. Put the root's certificate and key into it (docs/mesh-ca.md, "
                + "\"Adopting an existing root\") or delete it to have a root generated."));
        CertificateAuthority ca = issuer.read(value, name);
        Instant now = clock.instant();
        check(ca, name, now);
        RootOutcome outcome = RootOutcome.REUSED;
        if (!secret.tags().containsKey(CaSecretNames.MESH_TAG)) {
            // Not created by mesh-onboarder: a user's root, now validated. The tag marks it as taken over.
            store.tag(secret.arn(), CaSecretNames.rootTags(meshId));
            outcome = RootOutcome.ADOPTED;
            LOG.info("adopted root CA {} (sha256 {}, valid until {}) from secret {}", ca.subject(),
                    ca.fingerprint(), ca.notAfter(), secret.arn());
        }
        if (ca.notAfter().isBefore(now.plus(settings.intermediateValidity()))) {
            LOG.warn("the root CA expires on {}: intermediates issued now end then too. Plan a root rotation "
                    + "(docs/mesh-ca.md, Rotating).", ca.notAfter());
        }
        return new RootCa(ca, name, secret.arn(), outcome);
    }

    /** What makes a certificate a usable mesh root; adopted roots are held to it as much as our own. */
    static void check(CertificateAuthority ca, String name, Instant now) {
        X509Certificate certificate = ca.certificate();
        if (certificate.getBasicConstraints() < 0) {
            throw invalid(name, "is not a CA certificate (basicConstraints CA:true is missing)");
        }
        if (certificate.getBasicConstraints() == 0) {
            throw invalid(name, "has path length 0, so it cannot sign the clusters' intermediate CAs");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_CERT_SIGN]) {
            throw invalid(name, "may not sign certificates (keyCertSign is missing from its key usage)");
        }
        if (!selfSigned(certificate)) {
            throw invalid(name, "is not self-signed; the mesh root must be the trust anchor itself, the "
                    + "certificate Istio puts in root-cert.pem");
        }
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw invalid(name, "has a " + rsa.getModulus().bitLength() + "-bit RSA key; at least " + MIN_RSA_BITS
                    + " bits are needed");
        }
        if (!ca.notAfter().isAfter(now)) {
            throw invalid(name, "expired on " + ca.notAfter() + "; replace it (docs/mesh-ca.md, \"Rotating\")");
        }
        if (certificate.getNotBefore().toInstant().isAfter(now.plus(CaIssuer.CLOCK_SKEW))) {
            throw invalid(name, "is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static InvalidCa invalid(String name, String defect) {
        return new InvalidCa("The root CA in secret " + name + " " + defect + ".");
    }
}
