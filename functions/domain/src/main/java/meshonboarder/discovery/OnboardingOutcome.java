package meshonboarder.discovery;

/** How a finished onboarding ended, as its record keeps it. */
public enum OnboardingOutcome {
    SUCCEEDED,
    FAILED
}
