package meshonboarder.ca;

/** A cluster's intermediate CA as {@code EnsureCa} found or issued it. */
public record IntermediateCa(CertificateAuthority ca, String secretName, String secretArn,
                             IntermediateOutcome outcome) {
}
