package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.json.Json;
import meshonboarder.lambda.StepHandler;
import meshonboarder.network.NetworkChange;
import org.junit.jupiter.api.Test;

/** template.yaml, the ASL files and the handler classes agree with each other. */
class TemplateContractTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void stateMachines_whenSubstituted_useEverySubstitutionAndNoOther() throws IOException {
        Map<String, Map<String, Object>> machines = template.resources("AWS::Serverless::StateMachine");
        assertThat(machines).containsOnlyKeys("OnboardClusterStateMachine", "OffboardClusterStateMachine",
                "ReconcileMeshStateMachine");
        for (var machine : machines.entrySet()) {
            Map<String, Object> properties = Template.map(machine.getValue(), "Properties");
            String asl = Files.readString(ROOT.resolve(properties.get("DefinitionUri").toString()));
            Set<String> used = new TreeSet<>();
            Matcher m = SUBSTITUTION.matcher(asl);
            while (m.find()) {
                used.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>(Template.map(properties, "DefinitionSubstitutions").keySet());
            assertThat(used).as(machine.getKey() + ": ${...} in the ASL vs DefinitionSubstitutions").isEqualTo(declared);
        }
    }

    @Test
    void substitutions_whenFunctionOrStateMachineArns_nameOneOfTheTemplate() {
        Set<String> functions = template.resources("AWS::Serverless::Function").keySet();
        for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            Map<String, Object> substitutions = Template.map(Template.map(machine.getValue(), "Properties"),
                    "DefinitionSubstitutions");
            substitutions.forEach((name, value) -> {
                if (name.endsWith("StateMachineArn")) {
                    // another state machine of the template, which this one starts
                    String ref = Template.cast(value).get("Ref").toString();
                    assertThat(template.resources("AWS::Serverless::StateMachine")).as(name).containsKey(ref);
                    assertThat(name).isEqualTo(ref + "Arn");
                    return;
                }
                if (template.parameters().containsKey(name)) {
                    // a parameter the ASL reads (ApprovalTimeoutSeconds), under its own name
                    assertThat(Template.cast(value).get("Ref")).as(name).isEqualTo(name);
                    return;
                }
                if (!name.endsWith("FunctionArn")) {
                    // a service integration, in the stack's partition
                    assertThat(Template.cast(value).get("Fn::Sub").toString()).as(name)
                            .startsWith("arn:${AWS::Partition}:states:::");
                    return;
                }
                String ref = Template.cast(value).get("Ref").toString();
                assertThat(ref).as(name).endsWith(".Alias");
                String function = ref.substring(0, ref.length() - ".Alias".length());
                assertThat(functions).as(name).contains(function);
                assertThat(name).isEqualTo(function + "Arn");
            });
        }
    }

    @Test
    void functions_whenNamedInTemplate_haveAHandlerClassInTheirCodeUriPackage() throws Exception {
        for (var function : template.resources("AWS::Serverless::Function").entrySet()) {
            Map<String, Object> properties = Template.map(function.getValue(), "Properties");
            String handler = properties.get("Handler").toString();
            assertThat(handler).as(function.getKey()).endsWith("::handleRequest");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(StepHandler.class).as(handler).isAssignableFrom(type);
            assertThat(type.getConstructor()).as(handler + " needs a public no-argument constructor").isNotNull();
            // e.g. functions/aws-steps/target/aws-steps.jar: the class comes from that module
            String module = Path.of(properties.get("CodeUri").toString()).getName(1).toString();
            String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
            assertThat(location).as(handler + " is packaged in " + module).contains("/" + module + "/");
            assertThat(function.getKey()).isEqualTo(type.getSimpleName().replace("Handler", "") + "Function");
        }
    }

    @Test
    void stateMachines_whenRead_haveOnlyReachableStatesAndExistingTargets() throws IOException {
        for (String file : new String[] {"onboard-cluster.asl.json", "offboard-cluster.asl.json",
                "reconcile-mesh.asl.json"}) {
            JsonNode asl = Json.MAPPER.readTree(ROOT.resolve("statemachine").resolve(file).toFile());
            checkStates(file, asl);
        }
    }

    /**
     * Issue 12: two clusters onboarding at once can each pass GatherNetwork before the other is recorded. Every
     * onboarding records itself, then reads the members again (RecheckNetwork, GatherNetwork's reading in a function
     * of its own): of two, the one that reads second sees the other, and a changed gateways line sends it back to
     * GatherNetwork, so that InstallIstio follows the mesh before any peer is listed.
     */
    @Test
    void onboarding_whenRegistered_rechecksTheNetworkAndStartsAgainFromGatherNetworkWhenItChanged() throws IOException {
        JsonNode states = Json.MAPPER.readTree(ROOT.resolve("statemachine/onboard-cluster.asl.json").toFile())
                .path("States");
        JsonNode gather = states.path("GatherNetwork");
        JsonNode recheck = states.path("RecheckNetwork");

        assertThat(states.path("RegisterMember").path("Next").asText()).isEqualTo("RecheckNetwork");
        assertThat(recheck.path("Resource").asText()).isEqualTo("${RecheckNetworkFunctionArn}");
        for (String field : new String[] {"Type", "Parameters", "Retry", "Catch"}) {
            assertThat(recheck.path(field)).as("RecheckNetwork's " + field + " is GatherNetwork's")
                    .isEqualTo(gather.path(field));
        }
        // the same reading: the same environment and the same permissions
        assertThat(template.environment("RecheckNetworkFunction")).isEqualTo(template.environment("GatherNetworkFunction"));
        assertThat(template.properties("RecheckNetworkFunction").get("Policies"))
                .isEqualTo(template.properties("GatherNetworkFunction").get("Policies"));
        assertThat(gather.path("ResultPath").asText()).isEqualTo("$.network");
        assertThat(recheck.path("ResultPath").asText()).isEqualTo("$.recheck");
        JsonNode choice = states.path(recheck.path("Next").asText());
        assertThat(choice.path("Type").asText()).isEqualTo("Choice");
        assertThat(choice.path("Choices")).hasSize(1);
        JsonNode unchanged = choice.path("Choices").get(0);
        assertThat(unchanged.path("Variable").asText()).isEqualTo("$.recheck.change");
        assertThat(unchanged.path("StringEquals").asText()).isEqualTo(NetworkChange.UNCHANGED.name());
        assertThat(choice.path("Default").asText()).isEqualTo("GatherNetwork");
        // UNCHANGED: no more reading of the members' networks, so their VPCs and subnets leave the state before the
        // exchange (at 200 peers they took the onboarding's largest state near Step Functions' 256 KiB)
        JsonNode trim = states.path(unchanged.path("Next").asText());
        assertThat(unchanged.path("Next").asText()).isEqualTo("TrimNetwork");
        assertThat(trim.path("Type").asText()).isEqualTo("Pass");
        assertThat(trim.path("ResultPath").asText()).isEqualTo("$.network");
        assertThat(trim.path("Parameters").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "gatewayAddressType.$", "loadBalancerScheme.$", "gateways.$");
        assertThat(trim.path("Next").asText()).isEqualTo("ListPeers");
    }

    /** CI lints both templates the project ships: the hub's and the member accounts' (docs/member-accounts.md). */
    @Test
    void ci_whenLinting_lintsTheHubAndTheMemberTemplate() throws IOException {
        String lint = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .filter(line -> line.startsWith("cfn-lint ")).findFirst().orElseThrow();

        assertThat(lint.split(" ")).contains("template.yaml", "member/template.yaml");
        assertThat(Template.read(ROOT.resolve("member/template.yaml")).resources("AWS::IAM::Role")).isNotEmpty();
    }

    private static void checkStates(String where, JsonNode machine) {
        JsonNode states = machine.path("States");
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(machine.path("StartAt").asText());
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!reached.add(name)) {
                continue;
            }
            JsonNode state = states.path(name);
            assertThat(state.isObject()).as(where + ": state " + name + " exists").isTrue();
            // direct successors only: a Map's inner states are checked on their own
            for (String field : new String[] {"Next", "Default"}) {
                if (state.has(field)) {
                    todo.add(state.path(field).asText());
                }
            }
            state.path("Choices").forEach(c -> todo.add(c.path("Next").asText()));
            state.path("Catch").forEach(c -> todo.add(c.path("Next").asText()));
            if (state.has("ItemProcessor")) {
                checkStates(where + "/" + name, state.path("ItemProcessor"));
            }
            // retries and catches: StateMachineContractTest
        }
        Iterator<String> names = states.fieldNames();
        names.forEachRemaining(n -> assertThat(reached).as(where + ": " + n + " is reachable").contains(n));
    }
}
