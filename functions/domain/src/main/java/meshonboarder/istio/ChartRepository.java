package meshonboarder.istio;

import java.net.URI;
import java.nio.file.Path;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.Env;

/**
 * Where the Istio charts come from: a Helm repository over HTTP(S) (an {@code index.yaml} and archives, like
 * {@code https://istio-release.storage.googleapis.com/charts}), an OCI registry ({@code oci://...}, such as
 * {@code oci://registry.istio.io/release/charts} or a mirror in ECR), or a local directory ({@code file://...})
 * holding {@code <chart>-<version>.tgz} archives or unpacked {@code <chart>/} directories.
 */
public record ChartRepository(Kind kind, String location) {

    public enum Kind { HTTP, OCI, FILE }

    public static final String ISTIO_RELEASES = "https://istio-release.storage.googleapis.com/charts";

    /** The repository the function's environment names ({@code ISTIO_CHART_REPOSITORY}; Istio's own by default). */
    public static ChartRepository from(Env env) {
        return of("ISTIO_CHART_REPOSITORY", env.string("ISTIO_CHART_REPOSITORY", ISTIO_RELEASES));
    }

    public static ChartRepository of(String variable, String value) {
        String trimmed = value.replaceAll("/+$", "");
        String lower = trimmed.toLowerCase();
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return new ChartRepository(Kind.HTTP, trimmed);
        }
        if (lower.startsWith("oci://") && trimmed.length() > "oci://".length()) {
            return new ChartRepository(Kind.OCI, trimmed);
        }
        if (lower.startsWith("file:")) {
            try {
                return new ChartRepository(Kind.FILE, Path.of(URI.create(trimmed)).toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("The environment variable " + variable + " holds '" + value
                        + "', which is not a file URL such as file:///opt/charts.");
            }
        }
        throw new InvalidInput("The environment variable " + variable + " must be an https://, oci:// or file:// "
                + "location of the Istio charts, not '" + value + "'.");
    }

    /** The local directory of a {@code FILE} repository. */
    public Path directory() {
        return Path.of(location);
    }
}
