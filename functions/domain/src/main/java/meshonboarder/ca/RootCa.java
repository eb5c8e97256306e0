package meshonboarder.ca;

/** The mesh root as {@code EnsureCa} found or made it. */
public record RootCa(CertificateAuthority ca, String secretName, String secretArn, RootOutcome outcome) {
}
