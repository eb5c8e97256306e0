package meshonboarder.reconcile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The output of {@code ReportReconcile} ({@code $.report}): the execution's result, the detail of its one
 * {@code Mesh Reconciled} event, and its CloudWatch metrics.
 *
 * @param outcome                how the run ended
 * @param members                members after this run
 * @param brokenPairs            ordered pairs still without a working remote secret (including those of an
 *                               unreachable member, which could not be checked)
 * @param repairs                every repair made, one sentence each
 * @param stillBroken            everything still broken, one sentence each
 * @param warnings               what is not broken yet but will be (the root CA's expiry ahead)
 * @param daysUntilFirstCaExpiry days until the first member's intermediate or the root expires; null without a CA
 * @param metricData             the metrics, in PutMetricData's shape
 */
public record ReconcileReport(String meshId, ReconcileOutcome outcome, int members, int brokenPairs, List<String> repairs,
                              List<String> stillBroken, List<String> warnings, Integer daysUntilFirstCaExpiry,
                              String firstCaToExpire,
                              String message, List<Metric> metricData) {

    /** The metric the template's BrokenPairsAlarm watches, one series per mesh (dimension {@value #MESH_DIMENSION}). */
    public static final String BROKEN_PAIRS = "BrokenPairs";
    /**
     * The metric the template's ReconcileFailuresAlarm watches: 1 for a mesh that could not be reconciled, put by the
     * ReconcileMesh state machine's PutFailureMetric (a failed mesh has no report), dimension {@value #MESH_DIMENSION}.
     */
    public static final String RECONCILE_FAILURES = "ReconcileFailures";
    public static final String MESH_DIMENSION = "MeshId";

    /** One CloudWatch datum; the names are PutMetricData's, which the state machine passes on as they are. */
    public record Metric(@JsonProperty("MetricName") String metricName,
                         @JsonProperty("Dimensions") List<Dimension> dimensions,
                         @JsonProperty("Value") double value,
                         @JsonProperty("Unit") String unit) {
    }

    public record Dimension(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {
    }
}
