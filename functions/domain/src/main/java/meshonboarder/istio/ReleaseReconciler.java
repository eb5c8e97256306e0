package meshonboarder.istio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Optional;
import meshonboarder.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Helm release to its desired chart and values. A Helm upgrade with nothing changed still writes
 * a revision and patches objects, so the deployed release is read first and left alone when its chart
 * version and values already match: a re-run writes nothing.
 */
public final class ReleaseReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseReconciler.class);

    /** Numbers compare by value: Helm may hand back 5 where we asked for 5.0, or the reverse. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private ReleaseReconciler() {
    }

    public static ReleaseResult reconcile(HelmReleases helm, ReleaseRequest desired, String ref) {
        Optional<DeployedRelease> current = helm.find(desired.namespace(), desired.release());
        ReleaseOutcome outcome;
        if (current.isEmpty()) {
            helm.install(desired);
            outcome = ReleaseOutcome.INSTALLED;
        } else if (current.get().pending()) {
            throw current.get().busy(ref);
        } else if (current.get().deployed() && matches(current.get(), desired)) {
            outcome = ReleaseOutcome.UNCHANGED;
        } else {
            helm.upgrade(desired);
            outcome = ReleaseOutcome.UPGRADED;
        }
        LOG.info("release {} ({}) in {}: {}", desired.release(), desired.chart(), ref, outcome);
        return new ReleaseResult(desired.release(), desired.chart().name(), desired.chart().version(), outcome);
    }

    static boolean matches(DeployedRelease current, ReleaseRequest desired) {
        return current.chart().equals(desired.chart())
                && tree(current.values()).equals(SAME_VALUE, tree(desired.values()));
    }

    private static JsonNode tree(Object values) {
        return Json.MAPPER.valueToTree(values);
    }

}
