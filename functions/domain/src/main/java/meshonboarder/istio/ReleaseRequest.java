package meshonboarder.istio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Helm release as it should be.
 *
 * @param values the complete values the release is installed with (what {@code helm get values} shows
 *               afterwards): nothing is left to {@code --reuse-values}
 */
public record ReleaseRequest(String release, String namespace, ChartRef chart, Map<String, Object> values) {

    public ReleaseRequest {
        // not Map.copyOf: a user's null value is meaningful to Helm (it removes a chart default)
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
