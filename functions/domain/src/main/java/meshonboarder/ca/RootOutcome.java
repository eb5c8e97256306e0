package meshonboarder.ca;

/** What {@code EnsureCa} did with the mesh root. */
public enum RootOutcome {
    /** There was none: this run generated it. */
    CREATED,
    /** A root that mesh-onboarder did not create was found, validated and taken over (tagged) for the mesh. */
    ADOPTED,
    /** The root of an earlier run (or of a concurrent onboarding that created it first) was used. */
    REUSED
}
