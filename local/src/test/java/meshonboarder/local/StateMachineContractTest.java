package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import meshonboarder.json.Json;
import meshonboarder.local.AslStates.Located;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The three state machines against the names, the retry policies and the data paths they promise: what no stand-in
 * would refuse but the console, the logs or Step Functions itself would show.
 */
class StateMachineContractTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Path STATEMACHINE = ROOT.resolve("statemachine");
    /** The first Kubernetes calls after GrantAccess: a new access entry takes a few seconds to apply there. */
    private static final Set<String> FIRST_CALL_AFTER_GRANT_ACCESS = Set.of("InspectCluster", "EnsureCniEgress");
    /** Where a failed step goes: Announce announces it and the execution fails with the step's error. */
    private static final Map<String, String> FAILURE_HANDLER = Map.of("onboard-cluster", "Announce",
            "offboard-cluster", "Announce", "reconcile-mesh", "ReportFailure");

    private final Template template = Template.read(ROOT.resolve("template.yaml"));
    private final Map<String, Object> policies = AslSources.shared(STATEMACHINE);

    /**
     * "State names MUST be unique within the scope of the whole state machine", Map and Parallel items included
     * (Amazon States Language specification, https://states-language.net/spec.html, "States").
     */
    @Test
    void stateNames_whenCountedOverTheWholeMachine_areUnique() throws IOException {
        for (String machine : AslSources.MACHINES) {
            Map<String, List<String>> byName = new TreeMap<>();
            for (Located s : AslStates.of(machine)) {
                byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s.path());
            }
            byName.values().removeIf(paths -> paths.size() == 1);
            assertThat(byName).as(machine + ": state names used more than once").isEmpty();
        }
    }

    /**
     * One name per step (docs/design.md, Names): a Lambda Task state has its function's name, so the console, the
     * logs' {@code step} and the handler agree; with unique state names each function is called from one Task a
     * machine. Map, Choice, Pass, Wait and the end states never carry a function's name.
     */
    @Test
    void lambdaTasks_whenNamed_haveTheirFunctionsName() throws IOException {
        Set<String> functions = new TreeSet<>();
        template.resources("AWS::Serverless::Function").keySet()
                .forEach(id -> functions.add(id.replaceFirst("Function$", "")));
        Map<String, String> misnamed = new TreeMap<>();
        for (String machine : AslSources.MACHINES) {
            for (Located s : AslStates.of(machine)) {
                String function = s.function();
                if (function != null && !function.equals(s.name())) {
                    misnamed.put(machine + ": " + s.path(), "calls " + function);
                } else if (function == null && functions.contains(s.name())) {
                    misnamed.put(machine + ": " + s.path(), "a " + s.state().path("Type").asText() + " state");
                }
            }
        }
        assertThat(misnamed).as("states whose name is not the function they call, or a function's name on "
                + "another state").isEmpty();
    }

    @Test
    void functions_whenInTheTemplate_areCalledByAState() throws IOException {
        Set<String> called = new TreeSet<>();
        for (String machine : AslSources.MACHINES) {
            AslStates.of(machine).stream().map(Located::function).filter(f -> f != null).forEach(called::add);
        }
        Set<String> functions = new TreeSet<>();
        template.resources("AWS::Serverless::Function").keySet()
                .forEach(id -> functions.add(id.replaceFirst("Function$", "")));

        assertThat(called).isEqualTo(functions);
    }

    /**
     * A newcomer finds a step's code from its state's name alone (docs/design.md, Names): its handler is
     * {@code <Name>Handler} (template.yaml's Handler), its logic {@code <Name>Service} in functions/domain, and its
     * test {@code <Name>HandlerTest} or {@code <Name>ServiceTest}.
     */
    @Test
    void functions_whenNamed_haveTheirHandlerServiceAndTestByThatName() throws IOException {
        Set<String> sources = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("functions"))) {
            files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
                    .forEach(f -> sources.add(ROOT.relativize(f).toString()));
        }
        Map<String, String> missing = new TreeMap<>();
        template.resources("AWS::Serverless::Function").forEach((id, resource) -> {
            String name = id.replaceFirst("Function$", "");
            String handler = String.valueOf(template.properties(id).get("Handler"));
            List<String> lacks = new ArrayList<>();
            if (!handler.matches(".*\\." + name + "Handler::handleRequest")) {
                lacks.add("handler " + name + "Handler (template: " + handler + ")");
            }
            if (sources.stream().noneMatch(f -> f.startsWith("functions/domain/src/main/")
                    && f.endsWith("/" + name + "Service.java"))) {
                lacks.add("functions/domain's " + name + "Service");
            }
            if (sources.stream().noneMatch(f -> f.contains("/src/test/") && (f.endsWith("/" + name + "HandlerTest.java")
                    || f.endsWith("/" + name + "ServiceTest.java")))) {
                lacks.add("a test " + name + "HandlerTest or " + name + "ServiceTest");
            }
            if (!lacks.isEmpty()) {
                missing.put(name, String.join(", ", lacks));
            }
        });
        assertThat(missing).as("steps whose handler, service or test is not named after them").isEmpty();
    }

    /**
     * One retry policy for every Lambda Task, as retry.yaml writes it once: the first Kubernetes call after
     * GrantAccess adds a few retries of AccessDenied, and the service integrations retry their own failures.
     */
    @Test
    void tasks_whenTheyRetry_carryExactlyTheirMachinesPolicy() throws IOException {
        JsonNode lambda = policy("x-lambda-retry");
        JsonNode afterGrantAccess = policy("x-lambda-retry-after-grant-access");
        JsonNode grantAccess = policy("x-lambda-retry-grant-access");
        JsonNode service = policy("x-service-integration-retry");
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String machine : AslSources.MACHINES) {
            for (Located s : AslStates.of(machine)) {
                if (!s.state().path("Type").asText().equals("Task")) {
                    assertThat(s.state().has("Retry")).as(s.path() + " retries").isFalse();
                    continue;
                }
                JsonNode expected = s.function() == null ? service
                        : FIRST_CALL_AFTER_GRANT_ACCESS.contains(s.name()) ? afterGrantAccess
                        : s.name().equals("GrantAccess") ? grantAccess : lambda;
                if (!expected.equals(s.state().path("Retry"))) {
                    wrong.put(machine + ": " + s.path(), s.state().path("Retry").toString());
                }
            }
        }
        assertThat(wrong).as("Tasks whose Retry is not their policy").isEmpty();
        for (JsonNode extended : List.of(afterGrantAccess, grantAccess)) {
            assertThat(extended.size()).isEqualTo(lambda.size() + 1);
            for (int i = 0; i < lambda.size(); i++) {
                assertThat(extended.get(i)).isEqualTo(lambda.get(i));
            }
        }
    }

    /**
     * CreateAccessEntry refuses a role IAM has not yet propagated ("The specified principalArn is invalid: invalid
     * principal"), and the Terraform AWS provider retries exactly that for two minutes after creating a role
     * (hashicorp/terraform-provider-aws, internal/service/eks/access_entry.go, resourceAccessEntryCreate, and its
     * propagationTimeout of 2 * time.Minute in consts.go). GrantAccess waits at least as long, whatever the draws.
     */
    @Test
    void grantAccessRetrier_whenThePrincipalIsNotPropagated_waitsAtLeastTwoMinutes() {
        JsonNode retrier = retrier(policy("x-lambda-retry-grant-access"), "meshonboarder.errors.PrincipalNotPropagated");

        assertThat(retrier.path("JitterStrategy").asText("NONE")).isEqualTo("NONE");
        assertThat(minimumTotalWait(retrier)).isGreaterThanOrEqualTo(120);
    }

    /**
     * Lambda's own transient service errors, as AWS lists them for Step Functions (Step Functions Developer Guide,
     * best practices, "Handle Lambda service exceptions",
     * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html), and the throttling
     * error Lambda gives at its concurrency limit (same page).
     */
    @Test
    void lambdaRetry_whenLambdaFailsTransiently_retriesEveryServiceErrorAwsLists() {
        JsonNode serviceErrors = retrier(policy("x-lambda-retry"), "Lambda.ServiceException");

        assertThat(names(serviceErrors.path("ErrorEquals"))).containsExactlyInAnyOrder(
                "Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException",
                "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
    }

    /**
     * A SnapStart version not invoked for 14 days is inactive: the first invoke gets SnapStartNotReadyException and
     * Lambda "begins initializing a new snapshot" (Lambda Developer Guide, "Activating and managing Lambda SnapStart",
     * SnapStart and function states). That init may run up to 15 minutes (Lambda Developer Guide, "Understanding the
     * Lambda execution environment lifecycle", Init phase: 130 s or the function's timeout, at most 900 s), and
     * taking the snapshot adds about two minutes more (publishing a SnapStart version takes "upwards of 2 minutes",
     * alexcasalboni/aws-lambda-power-tuning pull request 190). So the retrier waits at least 17 minutes in all,
     * whatever the draws: no jitter, since FULL jitter draws each wait from zero up (its guaranteed total is 0 s).
     * docs/design.md, Errors, has the figures.
     */
    @Test
    void snapStartRetrier_whenEveryAttemptFindsTheVersionInactive_waitsLongerThanAReactivationCanTake() {
        JsonNode retrier = retrier(policy("x-lambda-retry"), "Lambda.SnapStartNotReadyException");

        assertThat(retrier.path("JitterStrategy").asText("NONE")).isEqualTo("NONE");
        assertThat(minimumTotalWait(retrier)).isGreaterThanOrEqualTo(900 + 120);
        // the same sum by hand: 10, 20, 40, 80, 160, then 180 s four times
        assertThat(minimumTotalWait(retrier)).isEqualTo(10 + 20 + 40 + 80 + 160 + 4 * 180);
    }

    @Test
    void minimumTotalWait_whenFullJitter_isZero() throws IOException {
        JsonNode jittered = Json.MAPPER.readTree("{\"IntervalSeconds\": 10, \"MaxAttempts\": 6, \"BackoffRate\": 2,"
                + " \"MaxDelaySeconds\": 120, \"JitterStrategy\": \"FULL\"}");
        JsonNode none = Json.MAPPER.readTree("{\"IntervalSeconds\": 10, \"MaxAttempts\": 6, \"BackoffRate\": 2,"
                + " \"MaxDelaySeconds\": 120}");

        assertThat(minimumTotalWait(jittered)).isZero();
        // the policy the issue found too short, even without jitter: 10 + 20 + 40 + 80 + 120 + 120
        assertThat(minimumTotalWait(none)).isEqualTo(390);
    }

    /**
     * Every Task and Map state catches whatever its retries leave, into a state of its own scope: a failure is
     * announced (onboarding, offboarding) or reported (reconcile), never lost. In onboarding and offboarding a failed
     * step's error goes to $.error and on to Announce, which the end states read.
     */
    @Test
    void tasksAndMaps_whenTheyFail_areCaughtWhereTheirMachineHandlesFailures() throws IOException {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String machine : AslSources.MACHINES) {
            String handler = FAILURE_HANDLER.get(machine);
            for (Located s : AslStates.of(machine)) {
                String type = s.state().path("Type").asText();
                if (!type.equals("Task") && !type.equals("Map")) {
                    continue;
                }
                JsonNode catches = s.state().path("Catch");
                JsonNode last = catches.path(catches.size() - 1);
                if (!names(last.path("ErrorEquals")).equals(List.of("States.ALL"))
                        || !s.scope().path("States").has(last.path("Next").asText())) {
                    wrong.put(machine + ": " + s.path(), catches.toString());
                } else if (s.topLevel() && !machine.equals("reconcile-mesh") && !s.name().equals(handler)
                        && (!last.path("Next").asText().equals(handler)
                        || !last.path("ResultPath").asText().equals("$.error"))) {
                    wrong.put(machine + ": " + s.path(), "catches into " + last.path("Next").asText() + " at "
                            + last.path("ResultPath").asText() + ", not into " + handler + " at $.error");
                }
            }
        }
        assertThat(wrong).as("Tasks and Maps without the Catch their machine needs").isEmpty();
    }

    /**
     * No state reads a path that a way to it leaves unset (issue 22): a Choice on a missing variable, a Fail's
     * ErrorPath or CausePath, a Parameters field. Step Functions fails the execution with States.Runtime there, and a
     * States.ALL Catch does not catch it (Step Functions Developer Guide, "Choice workflow state": a rule on a
     * variable that may be missing tests it with IsPresent first; "Error handling in Step Functions",
     * States.Runtime). Every Catch's route is one such way.
     */
    @Test
    void states_whenReachedByAnyWayIncludingEveryCatch_readOnlyPathsThatWayWrote() throws IOException {
        for (String machine : AslSources.MACHINES) {
            JsonNode definition = Json.MAPPER.readTree(STATEMACHINE.resolve(machine + ".asl.json").toFile());

            assertThat(AslPaths.unsetReads(definition)).as(machine).isEmpty();
        }
    }

    /** The check above finds issue 22's shape: a Catch writes $.announceError, then a Choice reads $.announcement. */
    @Test
    void unsetReads_whenACatchSkipsTheResultAChoiceReads_namesTheChoice() throws IOException {
        JsonNode machine = Json.MAPPER.readTree("""
                {"StartAt": "Announce", "States": {
                  "Announce": {"Type": "Task", "Resource": "${AnnounceFunctionArn}", "ResultPath": "$.announcement",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.announceError", "Next": "AllPeersReached"}],
                    "Next": "AllPeersReached"},
                  "AllPeersReached": {"Type": "Choice", "Choices": [
                    {"Variable": "$.announcement.outcome", "StringEquals": "ONBOARDED", "Next": "Onboarded"}],
                    "Default": "PeersUnreached"},
                  "Onboarded": {"Type": "Succeed"},
                  "PeersUnreached": {"Type": "Fail", "Error": "PeersUnreached", "CausePath": "$.announcement.message"}}}
                """);

        assertThat(AslPaths.unsetReads(machine)).extracting(AslPaths.Problem::state, AslPaths.Problem::path)
                .containsExactlyInAnyOrder(Tuple.tuple("AllPeersReached", "$.announcement.outcome"),
                        Tuple.tuple("PeersUnreached", "$.announcement.message"));
    }

    /** A variable tested with IsPresent first, on every way, is safe to read; the same variable unguarded is not. */
    @Test
    void unsetReads_whenIsPresentGuardsTheVariable_acceptsIt() throws IOException {
        JsonNode guarded = Json.MAPPER.readTree("""
                {"StartAt": "Look", "States": {
                  "Look": {"Type": "Choice", "Choices": [
                    {"Variable": "$.a", "IsPresent": false, "Next": "Done"},
                    {"Variable": "$.a.b", "StringEquals": "x", "Next": "Done"}], "Default": "Fail"},
                  "Done": {"Type": "Succeed"},
                  "Fail": {"Type": "Fail", "CausePath": "$.a.c"}}}
                """);

        assertThat(AslPaths.unsetReads(guarded)).isEmpty();
    }

    private JsonNode policy(String name) {
        return Json.MAPPER.valueToTree(policies.get(name));
    }

    private static JsonNode retrier(JsonNode policy, String error) {
        for (JsonNode retrier : policy) {
            if (names(retrier.path("ErrorEquals")).contains(error)) {
                return retrier;
            }
        }
        throw new AssertionError("no retrier of " + error + " in " + policy);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * The least a retrier waits over all its attempts: before retry i, {@code IntervalSeconds * BackoffRate^i}
     * capped at {@code MaxDelaySeconds} (ASL defaults 1 s, 2.0 and 3 attempts); with FULL jitter each wait is "a
     * random number between 0 and the computed backoff", with NONE the computed backoff itself (AWS CDK API reference,
     * aws_stepfunctions.JitterType, the values of the retrier's JitterStrategy field), so FULL may wait nothing.
     */
    static double minimumTotalWait(JsonNode retrier) {
        if (retrier.path("JitterStrategy").asText("NONE").equals("FULL")) {
            return 0;
        }
        double interval = retrier.path("IntervalSeconds").asDouble(1);
        double rate = retrier.path("BackoffRate").asDouble(2);
        double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
        double total = 0;
        for (int i = 0; i < retrier.path("MaxAttempts").asInt(3); i++) {
            total += Math.min(cap, interval * Math.pow(rate, i));
        }
        return total;
    }
}
