package meshonboarder.discovery;

/** A cluster that discovery names: enough to start its onboarding ({@code {"clusterName", "region"}}). */
public record ClusterRef(String clusterName, String region) {
}
