package meshonboarder.istio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.errors.InvalidInput;

/**
 * The user's own values ({@code ISTIO_VALUES_PARAMETER}), merged over mesh-onboarder's last. One document
 * for all releases, keyed by release name:
 * <pre>
 * istiod:
 *   pilot: ...
 * istio-eastwestgateway:
 *   service:
 *     annotations: ...
 * </pre>
 */
public record UserValues(Map<String, Map<String, Object>> byRelease) {

    public static final List<String> RELEASES = List.of(Istio.BASE_RELEASE, Istio.ISTIOD_RELEASE,
            Istio.INGRESS_RELEASE, Istio.EASTWEST_RELEASE);

    public UserValues {
        byRelease = Map.copyOf(byRelease);
    }

    public static UserValues none() {
        return new UserValues(Map.of());
    }

    /** Checks the document's shape; {@code source} names it in messages (for example the SSM parameter). */
    public static UserValues of(Object document, String source) {
        if (document == null) {
            return none();
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new InvalidInput("The Istio values document " + source + " must be a map of release names ("
                    + String.join(", ", RELEASES) + ") to values.");
        }
        Map<String, Map<String, Object>> byRelease = new LinkedHashMap<>();
        top.forEach((key, values) -> {
            if (!RELEASES.contains(String.valueOf(key))) {
                throw new InvalidInput("The Istio values document " + source + " has a key '" + key
                        + "' that is not a release; use " + String.join(", ", RELEASES) + ".");
            }
            if (values != null && !(values instanceof Map<?, ?>)) {
                throw new InvalidInput("In the Istio values document " + source + ", '" + key
                        + "' must hold a map of values.");
            }
            byRelease.put(String.valueOf(key), values == null ? Map.of() : Values.cast((Map<?, ?>) values));
        });
        return new UserValues(byRelease);
    }

    public Map<String, Object> forRelease(String release) {
        return byRelease.getOrDefault(release, Map.of());
    }
}
