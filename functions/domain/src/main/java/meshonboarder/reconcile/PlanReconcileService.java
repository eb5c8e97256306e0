package meshonboarder.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import meshonboarder.discovery.MeshDiscovery;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MembershipCarryOver;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.settings.MeshSettings;

/**
 * {@code PlanReconcile}: the execution input to the meshes it covers. Six starts: by hand
 * ({@code {"meshId": "mesh1"}}), by the schedule ({@code {"trigger": "schedule"}}: every mesh that has a membership
 * record), by a deploy of the stack ({@code {"trigger": "deploy"}}: the same), by a CloudTrail
 * {@code UntagResource} event that removed the mesh tag (the cluster's mesh), by a mesh-onboarder
 * {@code PEERS_UNREACHED} or {@code NOT_SYNCED} announcement (that mesh), and by a scheduled or deploy run as one
 * of its children ({@code {"meshId", "trigger", "discovery"}}: that mesh). A schedule or deploy plan fans out: that
 * run starts one child per mesh and reconciles none itself. Read-only, but for one thing: members a version before the
 * membership table recorded in SSM are carried over into it first ({@link MembershipCarryOver}), so the plan and
 * every step after it see them; once SSM holds none, that is one read that finds nothing.
 */
public final class PlanReconcileService {

    static final Pattern MESH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:[^:]+:eks:([^:]+):[0-9]+:cluster/([^/]+)");

    private final MeshMembers members;
    private final MembershipCarryOver carryOver;
    private final MeshSettings settings;

    public PlanReconcileService(MeshMembers members, MembershipCarryOver carryOver, MeshSettings settings) {
        this.members = members;
        this.carryOver = carryOver;
        this.settings = settings;
    }

    public ReconcilePlan plan(JsonNode input) {
        ReconcilePlan plan = decide(input); // bad input fails before the carry-over writes
        return carryOver.carryOver() > 0 ? decide(input) : plan;
    }

    private ReconcilePlan decide(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidInput("Start ReconcileMesh with {\"meshId\": \"<mesh>\"}, or {\"trigger\": \"schedule\"} "
                    + "for every mesh.");
        }
        if (input.has("discovery")) {
            return child(input);
        }
        if (input.hasNonNull("meshId")) {
            return one(meshId(input.path("meshId").asText()), ReconcileTrigger.MANUAL);
        }
        if ("mesh-onboarder".equals(input.path("source").asText())) {
            // Announce's event of an onboarding or offboarding that left peers UNREACHED, or pairs not synced
            return one(meshId(input.path("detail").path("meshId").asText(null)),
                    "NOT_SYNCED".equals(input.path("detail").path("outcome").asText())
                            ? ReconcileTrigger.NOT_SYNCED : ReconcileTrigger.PEERS_UNREACHED);
        }
        if (input.has("detail")) {
            return untagged(input.path("detail"));
        }
        Optional<ReconcilePlan> everyMesh = everyMesh(input.path("trigger").asText())
                .map(trigger -> new ReconcilePlan(members.meshes(), trigger, true, null));
        if (everyMesh.isPresent()) {
            return everyMesh.get();
        }
        throw new InvalidInput("The input names no mesh. Start ReconcileMesh with {\"meshId\": \"<mesh>\"}, or "
                + "{\"trigger\": \"schedule\"} for every mesh.");
    }

    /**
     * A child of a scheduled or deploy run (StartEachMesh): its one mesh, with the parent's trigger and the parent's
     * discovery of that mesh, so the child neither lists EKS again nor fans out.
     */
    private ReconcilePlan child(JsonNode input) {
        String meshId = meshId(input.path("meshId").asText(null));
        ReconcileTrigger trigger = everyMesh(input.path("trigger").asText()).orElseThrow(() -> new InvalidInput(
                "A ReconcileMesh input with a discovery is a scheduled or deploy run's child, and its trigger is "
                        + "schedule or deploy, not '" + input.path("trigger").asText() + "'. Start one mesh by hand "
                        + "with {\"meshId\": \"" + meshId + "\"}."));
        MeshDiscovery discovery;
        try {
            discovery = Json.MAPPER.treeToValue(input.path("discovery"), MeshDiscovery.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            discovery = null;
        }
        if (discovery == null || !meshId.equals(discovery.meshId())) {
            throw new InvalidInput("The discovery in the input of mesh " + meshId + "'s child run is not that mesh's "
                    + "(a MeshDiscovery object with meshId " + meshId + "). Start one mesh by hand with "
                    + "{\"meshId\": \"" + meshId + "\"}.");
        }
        return new ReconcilePlan(List.of(meshId), trigger, false, discovery);
    }

    /** The trigger of a run for every mesh (schedule, deploy) by its value. */
    private static Optional<ReconcileTrigger> everyMesh(String value) {
        return Stream.of(ReconcileTrigger.SCHEDULE, ReconcileTrigger.DEPLOY).filter(t -> t.value().equals(value))
                .findFirst();
    }

    /** The mesh the untagged cluster was a member of; none when it was not one (nothing to undo). */
    private ReconcilePlan untagged(JsonNode detail) {
        if (!"UntagResource".equals(detail.path("eventName").asText())) {
            throw new InvalidInput("The event is not an EKS UntagResource CloudTrail event (eventName '"
                    + detail.path("eventName").asText() + "').");
        }
        // the EKS API takes the ARN URL-encoded in its path (DELETE /tags/{resourceArn}): accept it in that form too
        var arn = CLUSTER_ARN.matcher(URLDecoder.decode(
                detail.path("requestParameters").path("resourceArn").asText(""), StandardCharsets.UTF_8));
        if (!arn.matches()) {
            throw new InvalidInput("The UntagResource event names no EKS cluster ARN.");
        }
        String region = arn.group(1);
        String clusterName = arn.group(2);
        return members.find(clusterName, region)
                .map(Member::meshId)
                .map(mesh -> one(mesh, ReconcileTrigger.UNTAG))
                .orElseGet(() -> new ReconcilePlan(List.of(), ReconcileTrigger.UNTAG));
    }

    private static ReconcilePlan one(String meshId, ReconcileTrigger trigger) {
        return new ReconcilePlan(List.of(meshId), trigger);
    }

    private String meshId(String value) {
        if (value == null || !MESH_ID.matcher(value).matches()) {
            throw new InvalidInput("'" + value + "' is not a mesh id: the value of the " + settings.meshTagKey()
                    + " tag, letters, digits, '.', '_' and '-'.");
        }
        return value;
    }
}
