package meshonboarder.istio;

/** What one run did to a Kubernetes object mesh-onboarder writes itself (not through Helm). */
public enum ObjectOutcome {
    CREATED,
    UPDATED,
    UNCHANGED
}
