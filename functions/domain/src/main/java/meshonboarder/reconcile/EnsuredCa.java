package meshonboarder.reconcile;

import java.time.Instant;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.CaughtError;

/**
 * One item of {@code $.cas}: CaEnsured's part of EnsureCa's result, or CaNotEnsured's {@code {clusterName, error}}.
 *
 * @param intermediateOutcome EnsureCa's outcome for the intermediate, {@code ISSUED} or {@code REUSED} (pki's
 *                            {@code IntermediateOutcome}, by name: pki is not a dependency of the domain)
 */
public record EnsuredCa(String clusterName, String intermediateOutcome, ApplyOutcome cacerts,
                        Instant intermediateNotAfter, CaughtError error) {

    /** The name of EnsureCa's outcome for a newly signed intermediate. */
    static final String ISSUED = "ISSUED";

    /** A new intermediate was signed in this run (it was inside its renew window, or unusable). */
    public boolean reissued() {
        return ISSUED.equals(intermediateOutcome);
    }
}
