package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meshonboarder.json.Json;
import meshonboarder.reconcile.ReconcileBounds;
import org.junit.jupiter.api.Test;

/**
 * A standard execution's history holds at most 25,000 events (Step Functions Developer Guide, "Step Functions service
 * quotas", https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "Maximum execution history
 * size"); past it the execution fails. Every poll of a waiting loop adds events, so the template's own bounds (the
 * least PollIntervalSeconds, the largest timeouts) decide how many a run can add. This test computes each state
 * machine's worst case from template.yaml's MinValue/MaxValue and the deployed ASL, and holds it under the quota with
 * a tenth kept for retries. docs/reconciler.md, Limits, gives the arithmetic.
 *
 * <p>Events per visit of a state (HistoryEvent types, Step Functions API reference, HistoryEvent): a Lambda Task 5
 * (TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded or Failed,
 * TaskStateExited), a service integration Task 5 (TaskScheduled, TaskStarted, TaskSucceeded instead), a Choice, Wait,
 * Pass or Succeed 2 (Entered, Exited), a Fail 1 (FailStateEntered), a Map 4 (MapStateEntered, MapStateStarted,
 * MapStateSucceeded, MapStateExited) and 2 per item (MapIterationStarted, MapIterationSucceeded); the execution 2
 * (ExecutionStarted, ExecutionSucceeded or Failed).
 *
 * <p>The worst case counts every state once (branches that exclude each other included), each waiting loop's polls
 * (Task, Choice and Wait again, as often as the loop's timeout allows at the least interval), the onboarding's passes
 * from GatherNetwork again when RecheckNetwork finds the gateways changed, and each Map's items as the design allows
 * them. Retries are not counted (each adds LambdaFunctionScheduled, Started and Failed): a tenth of the quota is kept
 * for them.
 */
class HistoryLimitTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Path STATEMACHINE = ROOT.resolve("statemachine");
    static final int QUOTA = 25_000;
    /** What the count may reach: the rest is kept for retries, which it leaves out. */
    static final int BUDGET = QUOTA - QUOTA / 10;
    /**
     * Members of one mesh, the design point (issue 25: fleets of 200 clusters). What a reconcile does per member is
     * bounded per run so that it fits: CheckIstio puts at most {@link ReconcileBounds#UPGRADES_PER_RUN} members on
     * a run's rollout and CheckMembership at most {@link ReconcileBounds#DEPARTURES_PER_RUN} departures; the
     * rest go to the next run.
     */
    static final int MEMBERS = 200;
    /**
     * Passes of the onboarding from GatherNetwork to RecheckNetwork: the first, and one more for each change of the
     * mesh's gateways line meanwhile (another cluster registered). Assumed: at most two more.
     */
    static final int ONBOARDING_PASSES = 3;
    /**
     * Meshes one ReconcileMesh execution reconciles: one. A run for every mesh (schedule, deploy) reconciles none
     * itself; it starts one child execution per mesh (StartEachMesh), and each child has a history of its own.
     */
    static final int MESHES = 1;
    /** Meshes of one run for every mesh, for the parent's own history: far more than a stack serves. */
    static final int MESHES_STARTED = 1_000;

    /** Items per Map, as the design allows them; every other Map has an item per member. */
    private static Map<String, Integer> mapItems(int meshesReconciled, int meshesStarted) {
        return Map.of(
                "ExchangeWithEachPeer", MEMBERS - 1,
                "RemoveFromEachPeer", MEMBERS - 1,
                "ReconcileEachMesh", meshesReconciled,
                "StartEachMesh", meshesStarted,
                "Departures", ReconcileBounds.DEPARTURES_PER_RUN,
                "RemoveBothWays", MEMBERS - 1,
                "UpgradeIstio", ReconcileBounds.UPGRADES_PER_RUN);
    }
    private static final int MEMBER_MAP_ITEMS = MEMBERS;

    private final Template template = Template.read(ROOT.resolve("template.yaml"));
    /** A child's (or a one-mesh run's) by default: one mesh reconciled, no child started. */
    private Map<String, Integer> mapItems = mapItems(MESHES, 0);

    @Test
    void everyStateMachine_atTheTemplatesBounds_staysWithinTheHistoryQuota() throws IOException {
        Map<String, Long> worst = new LinkedHashMap<>();
        for (String machine : AslSources.MACHINES) {
            worst.put(machine, worstCase(machine));
        }

        assertThat(worst).as("worst-case history events per execution, against " + BUDGET + " (" + QUOTA
                + " less a tenth for retries); lower a loop's timeout MaxValue or raise PollIntervalSeconds' MinValue")
                .allSatisfy((machine, events) -> assertThat(events).as(machine).isLessThanOrEqualTo(BUDGET));
    }

    /** docs/parameters.md, History limits, gives each machine's worst case: the figures this test computes. */
    @Test
    void parametersDoc_givesEachMachinesWorstCase_asComputed() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/parameters.md"));
        String section = doc.substring(doc.indexOf("## History limits"));
        for (String machine : AslSources.MACHINES) {
            String figure = String.format(Locale.ROOT, "%,d", worstCase(machine));
            assertThat(section.contains(figure)).as("docs/parameters.md, History limits, gives " + machine
                    + "'s worst case, " + figure).isTrue();
        }
        assertThat(section).contains(MEMBERS + " members").contains((MEMBERS - 1) + " peers");
    }

    /**
     * The run for every mesh only starts children: its history grows by one StartEachMesh item per mesh (Map
     * iteration 2, StartMeshReconcile 5, MeshReconcileNotStarted 2, counted both), whatever the size of the meshes.
     */
    @Test
    void runForEveryMesh_whenItStartsAChildPerMesh_growsByNineEventsAMeshAndStaysWithinTheQuota() throws IOException {
        mapItems = mapItems(0, MESHES_STARTED);
        long parent = worstCase("reconcile-mesh");
        mapItems = mapItems(0, MESHES_STARTED + 1);
        long perMesh = worstCase("reconcile-mesh") - parent;

        assertThat(perMesh).isEqualTo(9);
        assertThat(parent).as("a run that starts " + MESHES_STARTED + " children").isLessThanOrEqualTo(BUDGET);
    }

    /** The arithmetic the docs give: one poll of a loop is its Task, Choice and Wait again. */
    @Test
    void polls_whenALoopsTimeoutIsAtItsMaximum_areTheTimeoutOverTheLeastInterval() {
        assertThat(maxPolls("WaitIstioReadyFunction")).isEqualTo(ceilDiv(max("IstioReadyTimeoutSeconds"),
                min("PollIntervalSeconds")));
    }

    long worstCase(String machine) throws IOException {
        JsonNode definition = Json.MAPPER.readTree(STATEMACHINE.resolve(machine + ".asl.json").toFile());
        return 2 + scope(definition);
    }

    /** Every state of a scope once, its loops' polls, its passes again and its Maps' items. */
    private long scope(JsonNode scope) {
        JsonNode states = scope.path("States");
        long events = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            var entry = it.next();
            events += visit(entry.getKey(), entry.getValue());
            if (entry.getValue().has("SecondsPath")) {
                events += loop(states, entry.getValue());
            }
            events += (ONBOARDING_PASSES - 1) * again(states, entry.getKey(), entry.getValue());
        }
        return events;
    }

    private long visit(String name, JsonNode state) {
        return switch (state.path("Type").asText()) {
            case "Task" -> 5;
            case "Fail" -> 1;
            case "Map" -> {
                long items = mapItems.getOrDefault(name, MEMBER_MAP_ITEMS);
                yield 4 + items * (2 + scope(state.path("ItemProcessor")));
            }
            default -> 2;
        };
    }

    /** A Wait whose seconds come from the check before it: every poll repeats the check, its Choice and the Wait. */
    private long loop(JsonNode states, JsonNode pause) {
        JsonNode check = states.path(pause.path("Next").asText());
        String choice = check.path("Next").asText();
        long perPoll = visit(pause.path("Next").asText(), check) + visit(choice, states.path(choice)) + 2;
        return maxPolls(function(check)) * perPoll;
    }

    /**
     * A Choice that leads back to a Task (not through a Wait) starts a pass again: every state on the way from that
     * Task back to the Choice, with its loops, is counted once more per extra pass.
     */
    private long again(JsonNode states, String name, JsonNode state) {
        if (!state.path("Type").asText().equals("Choice")) {
            return 0;
        }
        List<String> targets = new ArrayList<>();
        state.path("Choices").forEach(c -> targets.add(c.path("Next").asText()));
        targets.add(state.path("Default").asText());
        for (String target : targets) {
            List<String> cycle = path(states, target, name);
            if (!cycle.isEmpty() && states.path(target).path("Type").asText().equals("Task")) {
                long events = 0;
                for (String s : cycle) {
                    events += visit(s, states.path(s));
                    JsonNode pause = states.path(states.path(s).path("Default").asText());
                    if (pause.has("SecondsPath")) {
                        events += 2 + loop(states, pause);
                    }
                }
                return events;
            }
        }
        return 0;
    }

    /**
     * The states from {@code from} to {@code to} along each state's way forward (a Choice's first rule, the way out of
     * a loop), or empty when that way does not lead there.
     */
    private static List<String> path(JsonNode states, String from, String to) {
        List<String> visited = new ArrayList<>();
        String current = from;
        while (!current.isEmpty() && !visited.contains(current)) {
            visited.add(current);
            if (current.equals(to)) {
                return visited;
            }
            JsonNode state = states.path(current);
            current = state.path("Type").asText().equals("Choice")
                    ? state.path("Choices").path(0).path("Next").asText() : state.path("Next").asText();
        }
        return List.of();
    }

    /**
     * Checks whose pause is no timeout loop: CheckRemoteSecrets restarts an istiod at most once per run, pauses, and
     * checks once more (its {@code recheck} is false the second time).
     */
    private static final Set<String> ONE_RECHECK = Set.of("CheckRemoteSecretsFunction");

    /** How many times a loop's check may run past its first: the timeout's MaxValue over the interval's MinValue. */
    private long maxPolls(String function) {
        if (ONE_RECHECK.contains(function)) {
            return 1;
        }
        Map<String, Object> variables = Template.map(Template.map(template.properties(function), "Environment"),
                "Variables");
        String timeout = variables.keySet().stream().filter(v -> v.endsWith("_TIMEOUT_SECONDS")).findFirst()
                .map(v -> parameterOf(variables.get(v))).orElseThrow(() -> new AssertionError(function
                        + " pauses a loop but has no *_TIMEOUT_SECONDS variable"));
        return ceilDiv(max(timeout), min("PollIntervalSeconds"));
    }

    private static String function(JsonNode task) {
        return task.path("Resource").asText().replaceAll("^\\$\\{([A-Za-z0-9]+)Arn}$", "$1");
    }

    private static String parameterOf(Object value) {
        return Template.cast(value).get("Ref").toString();
    }

    private long max(String parameter) {
        Object max = template.parameterDefinitions().get(parameter).get("MaxValue");
        assertThat(max).as(parameter + " has a MaxValue: without one a loop can poll without end").isNotNull();
        return Long.parseLong(max.toString());
    }

    private long min(String parameter) {
        return Long.parseLong(template.parameterDefinitions().get(parameter).get("MinValue").toString());
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
