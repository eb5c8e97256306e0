package meshonboarder.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import meshonboarder.json.Json;

/** Every state of a state machine's deployed definition ({@code statemachine/<machine>.asl.json}), Map items included. */
final class AslStates {

    private static final Path STATEMACHINE = Path.of(System.getProperty("project.root", "..")).resolve("statemachine");
    private static final String FUNCTION_ARN = "^\\$\\{([A-Za-z0-9]+)FunctionArn}$";
    private static final String WAIT_FOR_TASK_TOKEN = "${LambdaInvokeWaitForTaskTokenArn}";

    /**
     * A state, where it sits in its machine ("Map/Item" for a Map's item), its scope's states, and the Map whose item
     * it is (null at the top).
     */
    record Located(String machine, String path, String name, JsonNode state, JsonNode scope, JsonNode map) {
        boolean topLevel() {
            return !path.contains("/");
        }

        /**
         * The Lambda function a Task calls (its template id without {@code Function}), or null: its Resource, or the
         * FunctionName of a {@code lambda:invoke.waitForTaskToken} Task (RequestApproval).
         */
        String function() {
            String resource = state.path("Resource").asText();
            if (resource.equals(WAIT_FOR_TASK_TOKEN)) {
                resource = state.path("Parameters").path("FunctionName").asText();
            }
            return resource.matches(FUNCTION_ARN) ? resource.replaceAll(FUNCTION_ARN, "$1") : null;
        }
    }

    private AslStates() {
    }

    /** @param machine the file's name without {@code .asl.json}, one of {@link AslSources#MACHINES} */
    static List<Located> of(String machine) throws IOException {
        List<Located> all = new ArrayList<>();
        collect(machine, "", Json.MAPPER.readTree(STATEMACHINE.resolve(machine + ".asl.json").toFile()), null, all);
        return all;
    }

    private static void collect(String machine, String prefix, JsonNode scope, JsonNode map, List<Located> all) {
        for (Iterator<Map.Entry<String, JsonNode>> it = scope.path("States").fields(); it.hasNext(); ) {
            var entry = it.next();
            all.add(new Located(machine, prefix + entry.getKey(), entry.getKey(), entry.getValue(), scope, map));
            if (entry.getValue().has("ItemProcessor")) {
                collect(machine, prefix + entry.getKey() + "/", entry.getValue().path("ItemProcessor"),
                        entry.getValue(), all);
            }
        }
    }
}
