package meshonboarder.reconcile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import meshonboarder.discovery.ClusterRef;
import meshonboarder.discovery.NotAdmitted;

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
 * @param discovered             tagged clusters that were no members, whose onboarding this run started
 * @param notAdmitted            tagged clusters left out of the mesh, with the reason and their last error
 * @param metricData             the metrics, in PutMetricData's shape
 * @param more                   when sentences were left out (each list holds at most 50): how many there were and
 *                               where the rest is; null when none was
 */
public record ReconcileReport(String meshId, ReconcileOutcome outcome, int members, int brokenPairs, List<String> repairs,
                              List<String> stillBroken, List<String> warnings, Integer daysUntilFirstCaExpiry,
                              String firstCaToExpire, List<ClusterRef> discovered,
                              List<NotAdmitted> notAdmitted, String message, List<Metric> metricData, More more) {

    /**
     * How many sentences each list had before it was cut, and where the pairs are: the report goes into an
     * EventBridge event, whose entry holds 256 KB at most.
     */
    public record More(int repairs, int stillBroken, int warnings, String where) {
    }

    /** The members of the mesh. */
    public static final String MEMBERS = "Members";
    /** The metric the template's BrokenPairsAlarm watches, one series per mesh (dimension {@value #MESH_DIMENSION}). */
    public static final String BROKEN_PAIRS = "BrokenPairs";
    /**
     * Ordered pairs whose remote secret is right but whose holder's istiod does not report the subject
     * {@code synced}: put only when every member's istiod view was read, never as 0 while one is unknown.
     */
    public static final String UNSYNCED_PAIRS = "UnsyncedPairs";
    /**
     * The metric the template's ReconcileFailuresAlarm watches: 1 for a mesh that could not be reconciled, put by the
     * ReconcileMesh state machine's PutFailureMetric (a failed mesh has no report), dimension {@value #MESH_DIMENSION}.
     */
    public static final String RECONCILE_FAILURES = "ReconcileFailures";
    /** Days until the first of the members' intermediates and the root expires. */
    public static final String DAYS_UNTIL_FIRST_CA_EXPIRY = "DaysUntilFirstCaExpiry";
    /** Every metric ReportReconcile may put, each with the one dimension {@value #MESH_DIMENSION}: the dashboard's. */
    public static final List<String> METRICS = List.of(MEMBERS, BROKEN_PAIRS, UNSYNCED_PAIRS,
            DAYS_UNTIL_FIRST_CA_EXPIRY);
    public static final String MESH_DIMENSION = "MeshId";
    /** Tagged clusters out of the mesh and not being onboarded (discovery's notAdmitted). */
    public static final String CLUSTERS_OUTSIDE = "ClustersOutside";
    /** Tagged clusters out of the mesh for more than a day: what ClustersOutsideAlarm watches. */
    public static final String CLUSTERS_OUTSIDE_FOR_A_DAY = "ClustersOutsideForADay";

    /** One CloudWatch datum; the names are PutMetricData's, which the state machine passes on as they are. */
    public record Metric(@JsonProperty("MetricName") String metricName,
                         @JsonProperty("Dimensions") List<Dimension> dimensions,
                         @JsonProperty("Value") double value,
                         @JsonProperty("Unit") String unit) {
    }

    public record Dimension(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {
    }
}
