package meshonboarder.ca;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
 * EnsureCa's decisions about the intermediate CA of each cluster, signed by the mesh root and kept in Secrets
 * Manager. Reused while it chains to the current root and stays valid beyond the renewal margin; re-issued
 * otherwise. Retired (scheduled for deletion) when the cluster leaves the mesh, by RetireMember
 * ({@link meshonboarder.remote.IntermediateCas}).
 */
public final class IntermediateCaPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(IntermediateCaPolicy.class);

    private final SecretStore store;
    private final CaSecretNames names;
    private final CaSettings settings;
    private final CaIssuer issuer;
    private final Clock clock;

    public IntermediateCaPolicy(SecretStore store, CaSecretNames names, CaSettings settings, CaIssuer issuer,
                                Clock clock) {
        this.store = store;
        this.names = names;
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
    }

    public IntermediateCa ensure(String meshId, String clusterName, RootCa root) {
        String name = names.intermediate(meshId, clusterName);
        Optional<SecretStore.Metadata> found = store.describe(name);
        if (found.isEmpty()) {
            CertificateAuthority ca = issue(meshId, clusterName, root);
            Optional<String> arn = store.create(name, issuer.write(ca),
                    CaSecretNames.intermediateTags(meshId, clusterName));
            if (arn.isPresent()) {
                LOG.info("issued intermediate CA (sha256 {}, valid until {}) into new secret {}",
                        ca.fingerprint(), ca.notAfter(), arn.get());
                return new IntermediateCa(ca, name, arn.get(), IntermediateOutcome.ISSUED);
            }
            // A concurrent onboarding of the same cluster stored one first: judge that one like any other.
            found = store.describe(name);
            if (found.isEmpty()) {
                throw new Transient("Secrets Manager said the intermediate CA secret " + name + " exists but could "
                        + "not describe it.");
            }
        }
        return existing(meshId, clusterName, root, found.get());
    }

    private IntermediateCa existing(String meshId, String clusterName, RootCa root, SecretStore.Metadata secret) {
        String name = secret.name() != null ? secret.name() : names.intermediate(meshId, clusterName);
        if (secret.scheduledForDeletion()) {
            // The cluster left the mesh and came back within the recovery window.
            store.restore(secret.arn());
            LOG.info("restored intermediate CA secret {}, which was scheduled for deletion", secret.arn());
        }
        Optional<String> value = store.currentValue(secret.arn());
        Optional<CertificateAuthority> current = value.flatMap(v -> parse(v, name));
        String reason = value.isEmpty() ? "had no value"
                : current.isEmpty() ? "could not be read" : whyNotReusable(current.get(), root);
        if (reason == null) {
            CertificateAuthority ca = current.get();
            LOG.info("reusing intermediate CA (sha256 {}, valid until {}) from secret {}", ca.fingerprint(),
                    ca.notAfter(), secret.arn());
            return new IntermediateCa(ca, name, secret.arn(), IntermediateOutcome.REUSED);
        }
        CertificateAuthority ca = issue(meshId, clusterName, root);
        // Two runs re-issuing the same cluster at once both write; the last value wins in Secrets Manager and
        // the next run puts that one into cacerts. Both chain to the same root, so trust holds meanwhile.
        store.putValue(secret.arn(), issuer.write(ca));
        LOG.info("re-issued intermediate CA (sha256 {}, valid until {}) in secret {}: the stored one {}",
                ca.fingerprint(), ca.notAfter(), secret.arn(), reason);
        return new IntermediateCa(ca, name, secret.arn(), IntermediateOutcome.ISSUED);
    }

    /** Null when the stored intermediate can stay; otherwise why not, for the log. */
    private String whyNotReusable(CertificateAuthority ca, RootCa root) {
        X509Certificate certificate = ca.certificate();
        X509Certificate rootCertificate = root.ca().certificate();
        if (!certificate.getIssuerX500Principal().equals(rootCertificate.getSubjectX500Principal())
                || !signedBy(certificate, rootCertificate)) {
            return "was not signed by the current root (sha256 " + root.ca().fingerprint() + ")";
        }
        if (certificate.getBasicConstraints() != 0) {
            return "is not a CA certificate with path length 0";
        }
        Instant now = clock.instant();
        Instant notAfter = ca.notAfter();
        if (!notAfter.isAfter(now)) {
            return "expired on " + notAfter;
        }
        // Within the margin it is renewed, unless it already ends with the root: a new one could not last longer.
        if (!notAfter.isAfter(now.plus(settings.renewBefore())) && notAfter.isBefore(root.ca().notAfter())) {
            return "expires on " + notAfter + ", within the renewal margin of " + settings.renewBeforeDays()
                    + " days";
        }
        return null;
    }

    private CertificateAuthority issue(String meshId, String clusterName, RootCa root) {
        SecureRandom random = new SecureRandom(); // per call: a SnapStart snapshot must not share random state
        return issuer.intermediate(root.ca(), meshId, clusterName, settings.keyAlgorithm().generate(random),
                settings.intermediateValidity(), clock.instant(), random);
    }

    /** The stored CA, or empty (logged) when it cannot be read: it is ours, so it is replaced, not an error. */
    private Optional<CertificateAuthority> parse(String value, String name) {
        try {
            return Optional.of(issuer.read(value, name));
        } catch (InvalidCa e) {
            LOG.warn("{} A new intermediate replaces it.", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
