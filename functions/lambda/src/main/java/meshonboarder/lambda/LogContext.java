package meshonboarder.lambda;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.slf4j.MDC;

/**
 * The fields every log line of one request carries (the MDC, which the JSON layout writes at the top level):
 * {@code step}, {@code executionArn}, and the {@code meshId} and {@code cluster} the step works on, found where the
 * step inputs keep them. A field the input does not name is left out. Closing clears them for the next request.
 */
final class LogContext implements AutoCloseable {

    static final String STEP = "step";
    static final String EXECUTION_ARN = "executionArn";
    static final String MESH_ID = "meshId";
    static final String CLUSTER = "cluster";
    static final String PEER = "peer";

    // where the inputs name their cluster: the onboarding's steps, the offboarding's, Announce (the whole state),
    // a manual input; then a CloudTrail event (CreateCluster and DeleteCluster name it, TagResource has its ARN)
    private static final List<JsonPointer> SUBJECTS = pointers("/cluster", "/member", "/subject", "/lookup/member",
            "/state/cluster", "/state/lookup/member", "/state", "");
    private static final List<JsonPointer> EVENT_REQUESTS = pointers("/detail/requestParameters",
            "/state/detail/requestParameters");
    private static final JsonPointer PEER_NAME = JsonPointer.compile("/peer/clusterName");
    // RepairRemoteSecrets names its subject only, beside the members of its mesh
    private static final JsonPointer SUBJECT_NAME = JsonPointer.compile("/subject");
    // the reconciler's mesh-wide steps name only their mesh
    private static final List<JsonPointer> MESHES = pointers("/meshId", "/membership/meshId", "/state/meshId",
            "/members/0/meshId");

    private LogContext() {
    }

    static LogContext open(String step, String executionArn, JsonNode input) {
        clear();
        put(STEP, step);
        put(EXECUTION_ARN, executionArn);
        for (JsonPointer subject : SUBJECTS) {
            JsonNode node = input.at(subject);
            if (node.path("clusterName").isTextual()) {
                put(CLUSTER, node.path("clusterName").textValue());
                put(MESH_ID, node.path("meshId").textValue());
                break;
            }
        }
        if (MDC.get(CLUSTER) == null) {
            put(CLUSTER, input.at(SUBJECT_NAME).textValue());
        }
        for (JsonPointer request : EVENT_REQUESTS) {
            JsonNode parameters = input.at(request);
            if (MDC.get(CLUSTER) == null && parameters.isObject()) {
                String arn = parameters.path("resourceArn").asText("");
                put(CLUSTER, parameters.path("name").isTextual() ? parameters.path("name").textValue()
                        : arn.contains(":cluster/") ? arn.substring(arn.indexOf(":cluster/") + 9) : null);
            }
        }
        for (JsonPointer mesh : MESHES) {
            if (MDC.get(MESH_ID) == null) {
                put(MESH_ID, input.at(mesh).textValue());
            }
        }
        put(PEER, input.at(PEER_NAME).textValue());
        return new LogContext();
    }

    private static List<JsonPointer> pointers(String... paths) {
        return Arrays.stream(paths).map(JsonPointer::compile).toList();
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        clear();
    }

    private static void clear() {
        List.of(STEP, EXECUTION_ARN, MESH_ID, CLUSTER, PEER).forEach(MDC::remove);
    }
}
