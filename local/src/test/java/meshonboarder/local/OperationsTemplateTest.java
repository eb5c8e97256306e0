package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.announce.AnnounceService;
import meshonboarder.announce.Announcement;
import meshonboarder.announce.Operation;
import meshonboarder.aws.EventBridgeAnnouncements;
import meshonboarder.discovery.InMemoryOnboardingRecords;
import meshonboarder.json.Json;
import meshonboarder.reconcile.ReconcileReport;
import meshonboarder.reconcile.ReportReconcileService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.event.ruler.Machine;

/**
 * What a deployed stack gives its operators, read from template.yaml and the ASL files: JSON logs that carry the
 * execution, execution logging, tracing, alarms, and notifications only when a target is given.
 */
class OperationsTemplateTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String EXECUTION_ID = "$$.Execution.Id";
    private static final Pattern SUB_REF = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{([^,]+),([^}]+)} MetricName=\"(\\w+)\"', '\\w+', \\d+\\)");

    private final Template template = Template.read(ROOT.resolve("template.yaml"));
    private final Map<String, Object> root = template.root();

    @Test
    void functions_whenDeployed_logJsonAtTheLogLevelParameterIntoOneGroupAndTrace() {
        Map<String, Object> globals = Template.map(Template.map(root, "Globals"), "Function");
        Map<String, Object> logging = Template.map(globals, "LoggingConfig");

        assertThat(logging.get("LogFormat")).isEqualTo("JSON");
        assertThat(logging.get("ApplicationLogLevel")).isEqualTo(Map.of("Ref", "LogLevel"));
        assertThat(logging.get("LogGroup")).isEqualTo(Map.of("Ref", "FunctionLogGroup"));
        assertThat(globals.get("Tracing")).isEqualTo("Active");
        template.resources("AWS::Serverless::Function").keySet().forEach(id -> assertThat(template.properties(id))
                .as(id + " keeps the global logging and tracing").doesNotContainKeys("LoggingConfig", "Tracing"));
    }

    /** StepHandler reads executionArn from every payload: a task's Parameters, or the ItemSelector of its Map. */
    @Test
    void stateMachines_whenTheyInvokeAFunction_passTheExecutionArn() throws IOException {
        int tasks = 0;
        for (var machine : template.resources("AWS::Serverless::StateMachine").values()) {
            String uri = Template.map(machine, "Properties").get("DefinitionUri").toString();
            tasks += checkTasks(uri, Json.MAPPER.readTree(Files.readString(ROOT.resolve(uri))).path("States"), null);
        }
        assertThat(tasks).as("Lambda tasks checked").isGreaterThanOrEqualTo(25);
    }

    private static int checkTasks(String where, JsonNode states, JsonNode itemSelector) {
        int count = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) states::fields) {
            JsonNode state = entry.getValue();
            if ("Map".equals(state.path("Type").asText())) {
                count += checkTasks(where, state.path("ItemProcessor").path("States"), state.path("ItemSelector"));
            } else if ("Task".equals(state.path("Type").asText())
                    && state.path("Resource").asText().endsWith("FunctionArn}")) {
                JsonNode payload = state.has("Parameters") ? state.path("Parameters") : itemSelector;
                assertThat(payload).as(where + " " + entry.getKey() + " has Parameters or a Map's ItemSelector")
                        .isNotNull();
                assertThat(payload.path("executionArn.$").asText()).as(where + " " + entry.getKey())
                        .isEqualTo(EXECUTION_ID);
                count++;
            }
        }
        return count;
    }

    @Test
    void stateMachines_whenDeployed_logExecutionsTraceAndHaveFailedAndTimedOutAlarms() {
        Map<String, Map<String, Object>> alarms = template.resources("AWS::CloudWatch::Alarm");
        for (String machine : template.resources("AWS::Serverless::StateMachine").keySet()) {
            Map<String, Object> properties = template.properties(machine);
            Map<String, Object> logging = Template.map(properties, "Logging");
            assertThat(logging.get("Level")).as(machine).isEqualTo(Map.of("Ref", "ExecutionLogLevel"));
            // true: the data is each state's input and output, which the scenario tests check for secret material in
            // every execution's history (Expectations.noSecretsInState in meshonboarder.local.scenario)
            assertThat(logging.get("IncludeExecutionData")).as(machine).isEqualTo(true);
            assertThat(logging.get("Destinations").toString()).as(machine).contains("StateMachineLogGroup.Arn");
            assertThat(Template.map(properties, "Tracing").get("Enabled")).as(machine).isEqualTo(true);
            List<Object> policies = List.copyOf((List<?>) properties.get("Policies"));
            assertThat(policies).as(machine).contains(Map.of("Ref", "ExecutionLogDeliveryPolicy"));

            for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
                assertThat(alarms.values()).as(machine + " " + metric).anySatisfy(alarm -> {
                    Map<String, Object> a = Template.map(alarm, "Properties");
                    assertThat(a.get("Namespace")).isEqualTo("AWS/States");
                    assertThat(a.get("MetricName")).isEqualTo(metric);
                    assertThat(a.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "StateMachineArn",
                            "Value", Map.of("Ref", machine))));
                    assertThat(a.get("Threshold")).isEqualTo(1);
                    assertThat(a.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
                });
            }
        }
    }

    /**
     * One alarm for every mesh, present and future: a Metrics Insights query over a metric the reconcile puts per mesh
     * (BrokenPairs by ReportReconcile, ReconcileFailures by the failed mesh's PutFailureMetric), in the namespace and
     * with the name the state machine uses.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "BrokenPairsAlarm,       PutMetrics,",
        "ReconcileFailuresAlarm, PutFailureMetric, ReconcileFailures",
    })
    void perMeshAlarms_whenDeployed_watchEveryMeshsMetricAndNotify(String alarmId, String state, String putName)
            throws IOException {
        Map<String, Object> alarm = template.properties(alarmId);
        Map<?, ?> query = (Map<?, ?>) ((List<?>) alarm.get("Metrics")).get(0);
        JsonNode put = Json.MAPPER.readTree(Files.readString(ROOT.resolve("statemachine/reconcile-mesh.asl.json")))
                .at("/States/ReconcileEachMesh/ItemProcessor/States/" + state + "/Parameters");
        String metric = alarmId.equals("BrokenPairsAlarm") ? ReconcileReport.BROKEN_PAIRS
                : ReconcileReport.RECONCILE_FAILURES;
        if (putName != null) {
            assertThat(put.at("/MetricData/0/MetricName").asText()).isEqualTo(metric);
            assertThat(put.at("/MetricData/0/Dimensions/0/Name").asText()).isEqualTo(ReconcileReport.MESH_DIMENSION);
        }

        assertThat(query.get("Expression")).isEqualTo("SELECT MAX(" + metric + ") FROM SCHEMA(\""
                + put.path("Namespace").asText() + "\", " + ReconcileReport.MESH_DIMENSION + ")");
        assertThat(query.get("ReturnData")).isEqualTo(true);
        assertThat(alarm.get("Threshold")).isEqualTo(1);
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.get("AlarmActions")).isEqualTo(template.properties("OnboardFailedAlarm").get("AlarmActions"));
    }

    /**
     * The dashboard shows only what is put: each mesh metric is one ReportReconcile puts, in the namespace the state
     * machine's PutMetrics writes, by MeshId; each execution metric is one of Step Functions' for a state machine of
     * this template; and every mesh metric and every state machine's failures are on it.
     */
    @Test
    void dashboard_whenDeployed_showsTheMetricsTheCodePutsAndTheTemplatesStateMachines() throws IOException {
        String body = Template.map(template.properties("Dashboard"), "DashboardBody").get("Fn::Sub").toString();
        Matcher ref = SUB_REF.matcher(body);
        Set<String> machines = template.resources("AWS::Serverless::StateMachine").keySet();
        while (ref.find()) {
            assertThat(ref.group(1)).as("what the dashboard's body refers to").isIn(Set.of("AWS::Region",
                    "AWS::StackName", "OnboardClusterStateMachine", "OffboardClusterStateMachine",
                    "ReconcileMeshStateMachine"));
        }
        String namespace = Json.MAPPER.readTree(Files.readString(ROOT.resolve("statemachine/reconcile-mesh.asl.json")))
                .at("/States/ReconcileEachMesh/ItemProcessor/States/PutMetrics/Parameters/Namespace").asText();
        assertThat(namespace).isEqualTo(ReportReconcileService.NAMESPACE);

        Set<String> meshMetrics = new TreeSet<>();
        Set<String> failuresOf = new TreeSet<>();
        JsonNode widgets = Json.MAPPER.readTree(SUB_REF.matcher(body).replaceAll("REF:$1")).path("widgets");
        for (JsonNode widget : widgets) {
            for (JsonNode row : widget.path("properties").path("metrics")) {
                if (row.get(0).isObject()) {
                    Matcher search = SEARCH.matcher(row.get(0).path("expression").asText());
                    assertThat(search.matches()).as(row.toString()).isTrue();
                    assertThat(search.group(1)).as(row.toString()).isEqualTo(namespace);
                    assertThat(search.group(2)).as(row.toString()).isEqualTo(ReconcileReport.MESH_DIMENSION);
                    assertThat(search.group(3)).as(row.toString()).isIn(ReconcileReport.METRICS);
                    meshMetrics.add(search.group(3));
                } else {
                    assertThat(row.get(0).asText()).as(row.toString()).isEqualTo("AWS/States");
                    assertThat(row.get(1).asText()).as(row.toString()).isIn("ExecutionsStarted",
                            "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut");
                    assertThat(row.get(2).asText()).as(row.toString()).isEqualTo("StateMachineArn");
                    String machine = row.get(3).asText().replaceFirst("^REF:", "");
                    assertThat(machine).as(row.toString()).isIn(machines);
                    if (row.get(1).asText().equals("ExecutionsFailed")) {
                        failuresOf.add(machine);
                    }
                }
            }
        }
        assertThat(meshMetrics).containsExactlyInAnyOrderElementsOf(ReconcileReport.METRICS);
        assertThat(failuresOf).containsExactlyInAnyOrderElementsOf(machines);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "'',                                             false, false",
        "ops@example.com,                                true,  true",
        "arn:aws:sns:us-east-1:123456789012:mesh-alerts, true,  false",
    })
    void notifications_whenTarget_createTheTopicOnlyForAnEmailAndNothingWhenEmpty(String target, boolean notifies,
                                                                                  boolean byEmail) {
        assertThat(Pattern.matches(parameter("NotificationTarget").get("AllowedPattern").toString(), target)).isTrue();
        Conditions conditions = new Conditions(root, Map.of("NotificationTarget", target));

        assertThat(conditions.isTrue("Notifies")).isEqualTo(notifies);
        assertThat(conditions.isTrue("NotifiesByEmail")).isEqualTo(byEmail);
        Map<String, Object> resources = Template.map(root, "Resources");
        for (String type : List.of("AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription")) {
            template.resources(type).forEach((id, r) -> assertThat(conditions.isTrue(r.get("Condition").toString()))
                    .as(id).isEqualTo(byEmail));
        }
        assertThat(conditions.isTrue(Template.map(resources, "AnnouncementsRule").get("Condition").toString()))
                .isEqualTo(notifies);
    }

    @Test
    void notificationTarget_whenNeitherTopicNorEmail_isRefused() {
        Pattern allowed = Pattern.compile(parameter("NotificationTarget").get("AllowedPattern").toString());

        assertThat(allowed.matcher("ops").matches()).isFalse();
        assertThat(allowed.matcher("arn:aws:sqs:us-east-1:123456789012:queue").matches()).isFalse();
    }

    /** Every event Announce can put (from AnnounceService itself) matches the rule; other sources do not. */
    @Test
    void announcementsRule_whenAnnounceEvent_matchesEveryOutcomeAndNothingElse() throws Exception {
        Machine rules = new Machine();
        rules.addRule("AnnouncementsRule", template.properties("AnnouncementsRule").get("EventPattern").toString());
        List<Announcement> announced = new ArrayList<>();
        AnnounceService service = new AnnounceService((a, arn) -> announced.add(a), new InMemoryOnboardingRecords(),
                "us-east-1", Clock.systemUTC());
        ObjectNode ok = (ObjectNode) Json.MAPPER.readTree(
                "{\"cluster\":{\"clusterName\":\"eks-2\",\"meshId\":\"m\",\"region\":\"us-east-1\"},\"exchange\":[]}");
        ObjectNode failed = ok.deepCopy().set("error", Json.MAPPER.readTree("{\"Error\":\"x\",\"Cause\":\"{}\"}"));
        ObjectNode unreached = ok.deepCopy().set("exchange", Json.MAPPER.readTree(
                "[{\"peer\":{\"clusterName\":\"eks-1\"},\"status\":\"UNREACHED\"}]"));
        for (Operation operation : Operation.values()) {
            for (ObjectNode state : List.of(ok, failed, unreached)) {
                service.announce(operation, "arn:aws:states:us-east-1:123456789012:execution:m:e", state);
            }
        }
        assertThat(announced.stream().map(Announcement::detailType).distinct()).hasSize(4);

        for (Announcement a : announced) {
            String event = "{\"source\":\"" + EventBridgeAnnouncements.SOURCE + "\",\"detail-type\":\"" + a.detailType()
                    + "\",\"detail\":" + Json.MAPPER.writeValueAsString(a) + "}";
            assertThat(rules.rulesForJSONEvent(event)).as(a.detailType()).containsExactly("AnnouncementsRule");
        }
        assertThat(rules.rulesForJSONEvent("{\"source\":\"aws.eks\",\"detail-type\":\"Cluster Onboarded\",\"detail\":{}}"))
                .isEmpty();
    }

    /**
     * The reconciler's events notify only when there is something to read: a repair, a pair still broken, a failed
     * mesh or run. A healthy mesh's hourly run stays quiet. The detail is the one PublishReport puts for each mesh.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "Mesh Reconciled,       HEALTHY,  false",
        "Mesh Reconciled,       REPAIRED, true",
        "Mesh Reconciled,       DEGRADED, true",
        "Mesh Reconciled,       FAILED,   true",
        "Mesh Reconcile Failed, '',       true",
    })
    void announcementsRule_whenReconcileEvent_notifiesUnlessHealthy(String detailType, String outcome, boolean notifies)
            throws Exception {
        Machine rules = new Machine();
        rules.addRule("AnnouncementsRule", template.properties("AnnouncementsRule").get("EventPattern").toString());
        String detail = outcome.isEmpty() ? "{\"error\":{\"Error\":\"States.Runtime\"}}"
                : "{\"trigger\":\"schedule\",\"meshId\":\"mesh1\",\"outcome\":\"" + outcome + "\"}";
        String event = "{\"source\":\"" + EventBridgeAnnouncements.SOURCE + "\",\"detail-type\":\"" + detailType
                + "\",\"detail\":" + detail + "}";

        assertThat(rules.rulesForJSONEvent(event)).hasSize(notifies ? 1 : 0);
    }

    /**
     * What the notification target gets for every event Announce can put, failures whose message holds double quotes
     * and a line break included: the rule's InputTransformer applied as EventBridge applies it, without escaping
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html, common issues). The
     * target is an SNS topic (the one given, or the one made for an e-mail address), so the template is a string: it
     * must come out as one well-formed JSON string, one line, holding the event's message. ReconcileNotificationsTest
     * does the same for the events the ReconcileMesh state machine puts.
     */
    @Test
    void announcementsRule_whenAnnounceEventTransformed_deliversOneWellFormedLineWithTheMessage() throws Exception {
        InputTransformer transformer = InputTransformer.of(template, "AnnouncementsRule");
        List<Announcement> announced = new ArrayList<>();
        AnnounceService service = new AnnounceService((a, arn) -> announced.add(a), new InMemoryOnboardingRecords(),
                "us-east-1", Clock.systemUTC());
        ObjectNode ok = (ObjectNode) Json.MAPPER.readTree(
                "{\"cluster\":{\"clusterName\":\"eks-2\",\"meshId\":\"m\",\"region\":\"us-east-1\"},\"exchange\":[]}");
        ObjectNode error = Json.MAPPER.createObjectNode().put("Error", "meshonboarder.errors.IstioInstallFailed")
                .put("Cause", Json.MAPPER.createObjectNode().put("errorType", "meshonboarder.errors.IstioInstallFailed")
                        .put("errorMessage", "helm said \"release failed\": C:\\charts\nsecond line").toString());
        ObjectNode unreached = ok.deepCopy().set("exchange", Json.MAPPER.readTree(
                "[{\"peer\":{\"clusterName\":\"eks-1\"},\"status\":\"UNREACHED\"}]"));
        for (Operation operation : Operation.values()) {
            for (ObjectNode state : List.of(ok, ok.deepCopy().set("error", error), unreached)) {
                service.announce(operation, "arn:aws:states:us-east-1:123456789012:execution:m:e", state);
            }
        }

        assertThat(transformer.template()).startsWith("\"").endsWith("\"");
        for (Announcement a : announced) {
            ObjectNode detail = Json.MAPPER.valueToTree(a);
            detail.put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:m:e");
            ObjectNode event = Json.MAPPER.createObjectNode().put("source", EventBridgeAnnouncements.SOURCE)
                    .put("detail-type", a.detailType());
            event.set("detail", detail);
            assertDelivered(transformer, event);
        }
    }

    /** The transformed text is one JSON string, one line, with the event's type and message and nothing left out. */
    static void assertDelivered(InputTransformer transformer, JsonNode event) throws IOException {
        String what = event.path("detail-type").asText() + " " + event.path("detail").path("outcome").asText();
        assertThat(transformer.missing(event)).as(what + ": every InputPathsMap path is in the event").isEmpty();
        String delivered = transformer.apply(event);
        JsonNode parsed;
        try {
            // the whole text: a quote inside the message would end the string early and leave the rest trailing
            parsed = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(delivered);
        } catch (IOException e) {
            throw new AssertionError(what + " delivers no well-formed JSON string: " + delivered, e);
        }
        assertThat(parsed.isTextual()).as(what + " delivers a JSON string: " + delivered).isTrue();
        assertThat(parsed.asText()).as(what).doesNotContain("\n").doesNotContain("\r")
                .contains(event.path("detail-type").asText()).contains(event.path("detail").path("message").asText());
        assertThat(event.path("detail").path("message").asText()).as(what + " message").isNotBlank();
    }

    private Map<String, Object> parameter(String name) {
        return Template.map(Template.map(root, "Parameters"), name);
    }

    /** The template's Conditions for given parameters: the intrinsic functions they use. */
    private static final class Conditions {

        private final Map<String, Object> definitions;
        private final Map<String, String> parameters;

        Conditions(Map<String, Object> root, Map<String, String> parameters) {
            this.definitions = Template.map(root, "Conditions");
            this.parameters = parameters;
        }

        boolean isTrue(String condition) {
            return (Boolean) eval(definitions.get(condition));
        }

        private Object eval(Object value) {
            if (!(value instanceof Map<?, ?>)) {
                return value;
            }
            Map<String, Object> fn = Template.cast(value);
            var entry = fn.entrySet().iterator().next();
            Object arg = entry.getValue();
            return switch (entry.getKey()) {
                case "Condition" -> isTrue(arg.toString());
                case "Ref" -> parameters.get(arg.toString());
                case "Fn::Not" -> !(Boolean) eval(((List<?>) arg).get(0));
                case "Fn::And" -> ((List<?>) arg).stream().allMatch(a -> (Boolean) eval(a));
                case "Fn::Equals" -> String.valueOf(eval(((List<?>) arg).get(0)))
                        .equals(String.valueOf(eval(((List<?>) arg).get(1))));
                case "Fn::Sub" -> {
                    String text = arg.toString();
                    for (var p : parameters.entrySet()) {
                        text = text.replace("${" + p.getKey() + "}", p.getValue());
                    }
                    yield text;
                }
                case "Fn::Split" -> List.of(String.valueOf(eval(((List<?>) arg).get(1)))
                        .split(Pattern.quote(((List<?>) arg).get(0).toString()), -1));
                case "Fn::Select" -> ((List<?>) eval(((List<?>) arg).get(1)))
                        .get(Integer.parseInt(((List<?>) arg).get(0).toString()));
                default -> throw new IllegalArgumentException("cannot evaluate " + value);
            };
        }
    }
}
