package meshonboarder.istio;

/** One release in {@code $.istio.releases}: release name, chart, chart version and what this run did. */
public record ReleaseResult(String release, String chart, String version, ReleaseOutcome outcome) {
}
