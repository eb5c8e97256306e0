package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.json.Json;
import meshonboarder.local.standin.LocalLambda;
import meshonboarder.reconcile.ReconcileReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.event.ruler.Machine;

/**
 * The ReconcileMesh state machine in moto, with the real handlers, for three runs: mesh1 whose CheckMembership fails
 * (its cause holds double quotes and a line break), mesh2 reconciled (healthy, no members) and a run whose input names
 * no mesh (PlanReconcile refuses it). The events and metrics they put, as the local endpoint recorded them, against
 * the template's AnnouncementsRule and ReconcileFailuresAlarm.
 */
class ReconcileNotificationsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static LocalController controller;
    private static List<JsonNode> events;
    private static List<Datum> metrics;

    /** One CloudWatch datum as PutMetricData carried it. */
    record Datum(String namespace, String name, Map<String, String> dimensions, double value) {
    }

    @BeforeAll
    static void run() throws Exception {
        controller = LocalController.start(ROOT, Map.of(), Map.of("POLL_INTERVAL_SECONDS", "1"), name -> null);
        controller.lambda().interleave(new LocalLambda.Interleaving() {
            @Override
            public void before(String function, byte[] input) {
                if (function.startsWith("CheckMembership") && new String(input, StandardCharsets.UTF_8).contains("mesh1")) {
                    throw new IllegalStateException("SSM said \"no\": C:\\path\nand more");
                }
            }

            @Override
            public void after(String function, byte[] input) {
            }
        });
        assertThat(reconcile("{\"meshId\": \"mesh1\"}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(reconcile("{\"meshId\": \"mesh2\"}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(reconcile("{}").status()).isEqualTo(ExecutionStatus.FAILED);
        events = events(controller.lambda().putEvents());
        metrics = new ArrayList<>();
        for (String body : controller.lambda().putMetricData()) {
            metrics.addAll(data(body));
        }
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    private static DescribeExecutionResponse reconcile(String input) {
        DescribeExecutionResponse execution = controller.await(controller.start("ReconcileMeshStateMachine", input),
                Duration.ofSeconds(120));
        assertThat(execution.status()).as(execution.toString()).isNotEqualTo(ExecutionStatus.RUNNING);
        return execution;
    }

    /**
     * Every event the runs put carries a one-line message, and the rule's InputTransformer, applied as EventBridge
     * applies it (no escaping:
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html, common issues), makes
     * one well-formed string of it. The failed mesh and the failed run notify; the healthy mesh does not.
     */
    @Test
    void reconcileEvents_whenTransformed_deliverEachMeshsOneLineMessage() throws Exception {
        InputTransformer transformer = InputTransformer.of(controller.template(), "AnnouncementsRule");
        Machine rule = new Machine();
        rule.addRule("AnnouncementsRule", controller.template().properties("AnnouncementsRule").get("EventPattern")
                .toString());
        Map<String, Boolean> notified = new TreeMap<>();
        for (JsonNode event : events) {
            OperationsTemplateTest.assertDelivered(transformer, event);
            notified.put(event.path("detail-type").asText() + " " + event.path("detail").path("meshId").asText(),
                    !rule.rulesForJSONEvent(event.toString()).isEmpty());
        }

        assertThat(notified).containsExactlyInAnyOrderEntriesOf(Map.of("Mesh Reconciled mesh1", true,
                "Mesh Reconciled mesh2", false, "Mesh Reconcile Failed ", true));
        JsonNode failed = events.stream().filter(e -> e.path("detail").path("meshId").asText().equals("mesh1"))
                .findFirst().orElseThrow();
        assertThat(failed.path("detail").path("message").asText())
                .isEqualTo("Mesh mesh1 could not be reconciled (java.lang.IllegalStateException); the execution output "
                        + "has the cause.");
        assertThat(failed.path("detail").path("report").path("cause").asText()).contains("SSM said \\\"no\\\"");
    }

    /**
     * ReconcileFailuresAlarm's rule (its query's statistic, metric, namespace and dimension; period, threshold,
     * comparison, evaluation periods, missing data) over the metrics the runs put: the failed mesh's series breaches
     * within one period, and one period is at most the default schedule's; the reconciled mesh puts no datum of it,
     * which the alarm treats as not breaching.
     */
    @Test
    void reconcileFailuresAlarm_whenAMeshFails_alarmsForThatMeshWithinOneSchedulePeriod() {
        Map<String, Object> alarm = controller.template().properties("ReconcileFailuresAlarm");
        assertThat(alarm).as("an alarm on the failed mesh's metric").isNotNull();
        Map<?, ?> query = (Map<?, ?>) ((List<?>) alarm.get("Metrics")).get(0);
        Matcher select = Pattern.compile("SELECT (\\w+)\\((\\w+)\\) FROM SCHEMA\\(\"([^\"]+)\", (\\w+)\\)")
                .matcher(query.get("Expression").toString());
        assertThat(select.matches()).as(query.toString()).isTrue();
        assertThat(select.group(1)).isEqualTo("MAX");
        assertThat(((Number) alarm.get("EvaluationPeriods")).intValue()).isEqualTo(1);
        assertThat(((Number) query.get("Period")).intValue()).as("one period within the default schedule, rate(1 hour)")
                .isLessThanOrEqualTo(3600);
        assertThat(controller.template().parameterDefinitions().get("ReconcileSchedule").get("Default"))
                .isEqualTo("rate(1 hour)");

        // every datum of these runs falls into one period: a series' value is the MAX of its data
        Map<String, Double> series = new TreeMap<>();
        for (Datum d : metrics) {
            if (d.namespace().equals(select.group(3)) && d.name().equals(select.group(2))
                    && d.dimensions().keySet().equals(Set.of(select.group(4)))) {
                series.merge(d.dimensions().get(select.group(4)), d.value(), Math::max);
            }
        }
        Map<String, String> states = new TreeMap<>();
        for (String mesh : List.of("mesh1", "mesh2")) {
            Double value = series.get(mesh);
            double threshold = ((Number) alarm.get("Threshold")).doubleValue();
            boolean breaching = value == null ? !"notBreaching".equals(alarm.get("TreatMissingData"))
                    : switch (alarm.get("ComparisonOperator").toString()) {
                        case "GreaterThanOrEqualToThreshold" -> value >= threshold;
                        case "GreaterThanThreshold" -> value > threshold;
                        default -> throw new IllegalArgumentException(alarm.get("ComparisonOperator").toString());
                    };
            states.put(mesh, breaching ? "ALARM" : "OK");
        }

        assertThat(select.group(2)).isEqualTo(ReconcileReport.RECONCILE_FAILURES);
        assertThat(states).as("recorded: " + metrics).containsExactlyInAnyOrderEntriesOf(Map.of("mesh1", "ALARM", "mesh2", "OK"));
    }

    /** The PutEvents entries as the events EventBridge matches (source, detail-type, detail as JSON). */
    private static List<JsonNode> events(List<String> bodies) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String body : bodies) {
            for (JsonNode entry : Json.MAPPER.readTree(body).path("Entries")) {
                ObjectNode event = Json.MAPPER.createObjectNode().put("source", entry.path("Source").asText())
                        .put("detail-type", entry.path("DetailType").asText());
                event.set("detail", Json.MAPPER.readTree(entry.path("Detail").asText()));
                out.add(event);
            }
        }
        return out;
    }

    /** A PutMetricData request body, in the JSON or the query protocol (whichever the SDK integration spoke). */
    private static List<Datum> data(String body) throws IOException {
        List<Datum> out = new ArrayList<>();
        if (body.startsWith("{")) {
            JsonNode request = Json.MAPPER.readTree(body);
            for (JsonNode d : request.path("MetricData")) {
                Map<String, String> dimensions = new TreeMap<>();
                d.path("Dimensions").forEach(x -> dimensions.put(x.path("Name").asText(), x.path("Value").asText()));
                out.add(new Datum(request.path("Namespace").asText(), d.path("MetricName").asText(), dimensions,
                        d.path("Value").asDouble()));
            }
            return out;
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        for (int i = 1; form.containsKey("MetricData.member." + i + ".MetricName"); i++) {
            String datum = "MetricData.member." + i + ".";
            Map<String, String> dimensions = new TreeMap<>();
            for (int j = 1; form.containsKey(datum + "Dimensions.member." + j + ".Name"); j++) {
                dimensions.put(form.get(datum + "Dimensions.member." + j + ".Name"),
                        form.get(datum + "Dimensions.member." + j + ".Value"));
            }
            out.add(new Datum(form.get("Namespace"), form.get(datum + "MetricName"), dimensions,
                    Double.parseDouble(form.get(datum + "Value"))));
        }
        return out;
    }
}
