package meshonboarder.istio;

/** What one run did to a Helm release: a re-run with nothing changed must say {@code UNCHANGED}. */
public enum ReleaseOutcome {
    INSTALLED,
    UPGRADED,
    UNCHANGED
}
