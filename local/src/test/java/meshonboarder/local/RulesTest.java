package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import meshonboarder.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The EventBridge patterns of template.yaml against realistic CloudTrail events, with AWS's event-ruler. */
class RulesTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("project.root", "..")).resolve("template.yaml");

    private final Rules rules = new Rules(Template.read(TEMPLATE));

    static Stream<Arguments> cloudTrailEvents() {
        return Stream.of(
                Arguments.of("create-cluster-tagged.json", "ClusterCreatedRule"),
                Arguments.of("create-cluster-tagged-clustername.json", "ClusterCreatedRule"),
                Arguments.of("tag-resource-mesh.json", "ClusterTaggedRule"),
                Arguments.of("tag-resource-mesh-encoded.json", "ClusterTaggedRule"),
                Arguments.of("delete-cluster.json", "ClusterDeletedRule"),
                Arguments.of("create-cluster-untagged.json", ""),
                Arguments.of("create-cluster-other-tag.json", ""),
                Arguments.of("create-cluster-failed.json", ""),
                Arguments.of("tag-resource-other-tag.json", ""),
                Arguments.of("tag-resource-nodegroup.json", ""),
                Arguments.of("untag-resource-mesh.json", "ClusterUntaggedRule"),
                // EKS API reference, UntagResource: DELETE /tags/{resourceArn}, the ARN URL-encoded as in TagResource
                Arguments.of("untag-resource-mesh-encoded.json", "ClusterUntaggedRule"),
                Arguments.of("delete-cluster-failed.json", ""),
                Arguments.of("create-nodegroup-tagged.json", ""),
                Arguments.of("ecs-create-cluster-tagged.json", ""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cloudTrailEvents")
    void matching_whenCloudTrailEvent_startsTheRightMachineOrNone(String event, String rule) {
        List<String> matched = rules.matching(Events.load(event).toString());

        assertThat(matched).isEqualTo(rule.isEmpty() ? List.of() : List.of(rule));
    }

    /**
     * A member account's rule forwards its EKS events to the hub's bus as they are: {@code account} and {@code region}
     * stay the member's (EventBridge User Guide, "Sending and receiving events between AWS accounts"). The hub's
     * patterns name neither, so they start the same machine for a cluster of any account and region.
     */
    @ParameterizedTest(name = "{0} from another account and region -> {1}")
    @MethodSource("cloudTrailEvents")
    void matching_whenForwardedFromAMemberAccountInAnotherRegion_startsTheSameMachine(String event, String rule) {
        // the member's account everywhere: the event's, the caller's, the cluster ARN's
        String forwarded = Events.about(event, "eks-9", "eu-west-1").toString()
                .replace(LocalController.ACCOUNT, "210987654321");
        assertThat(forwarded).contains("\"account\":\"210987654321\"", "\"region\":\"eu-west-1\"")
                .doesNotContain(LocalController.ACCOUNT);

        assertThat(rules.matching(forwarded)).isEqualTo(rule.isEmpty() ? List.of() : List.of(rule));
    }

    @Test
    void target_whenRuleMatches_isTheStateMachineOfItsKind() {
        assertThat(rules.target("ClusterCreatedRule")).isEqualTo("OnboardClusterStateMachine");
        assertThat(rules.target("ClusterTaggedRule")).isEqualTo("OnboardClusterStateMachine");
        assertThat(rules.target("ClusterDeletedRule")).isEqualTo("OffboardClusterStateMachine");
        assertThat(rules.target("ClusterUntaggedRule")).isEqualTo("ReconcileMeshStateMachine");
        assertThat(rules.target("FollowUpRule")).isEqualTo("ReconcileMeshStateMachine");
        assertThat(rules.target("StackDeployedRule")).isEqualTo("ReconcileMeshStateMachine");
    }

    // The event's shape: CloudFormation User Guide, "Stack Status Change event detail" (detail.stack-id,
    // detail.status-details.status). A stack's last event of a create or an update is CREATE_COMPLETE or
    // UPDATE_COMPLETE; a rolled-back update changed nothing, and in-progress states come before the end.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CREATE_COMPLETE,                     StackDeployedRule",
        "UPDATE_COMPLETE,                     StackDeployedRule",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, ''",
        "UPDATE_IN_PROGRESS,                  ''",
        "UPDATE_ROLLBACK_COMPLETE,            ''",
        "DELETE_COMPLETE,                     ''",
    })
    void matching_whenThisStackChangesStatus_reconcilesEveryMeshOnlyOnceItIsDeployed(String status, String rule) {
        Template template = Template.read(TEMPLATE);

        List<String> matched = new Rules(template).matching(stackEvent(template.stackId(), status));

        assertThat(matched).isEqualTo(rule.isEmpty() ? List.of() : List.of(rule));
    }

    @Test
    void input_whenTheStackIsDeployed_isTheDeployTriggerNotTheEvent() {
        Template template = Template.read(TEMPLATE);
        String event = stackEvent(template.stackId(), "UPDATE_COMPLETE");

        assertThat(rules.input("StackDeployedRule", event)).isEqualTo("{\"trigger\": \"deploy\"}");
        assertThat(rules.input("ClusterCreatedRule", event)).isEqualTo(event);
    }

    @Test
    void matching_whenAnotherStackIsDeployed_startsNothing() {
        String other = "arn:aws:cloudformation:us-east-1:123456789012:stack/other/4a5b6c7d-0000-0000-0000-000000000000";

        assertThat(rules.matching(stackEvent(other, "CREATE_COMPLETE"))).isEmpty();
    }

    private static String stackEvent(String stackId, String status) {
        ObjectNode event = Events.load("stack-status-change.json");
        ((ArrayNode) event.get("resources")).removeAll().add(stackId);
        ((ObjectNode) event.get("detail")).put("stack-id", stackId);
        ((ObjectNode) event.get("detail").get("status-details")).put("status", status);
        return event.toString();
    }

    @Test
    void matching_whenUntagRemovesAnotherTagOrFailed_startsNothing() {
        var other = Events.load("untag-resource-mesh.json");
        ((ArrayNode) other.get("detail").get("requestParameters").get("tagKeys"))
                .removeAll().add("team");
        var failed = Events.load("untag-resource-mesh.json");
        ((ObjectNode) failed.get("detail")).put("errorCode", "AccessDeniedException");
        var nodegroup = Events.load("untag-resource-mesh.json");
        ((ObjectNode) nodegroup.get("detail").get("requestParameters"))
                .put("resourceArn", "arn:aws:eks:us-east-1:123456789012:nodegroup/eks-1/ng-1/abc");

        assertThat(rules.matching(other.toString())).isEmpty();
        assertThat(rules.matching(failed.toString())).isEmpty();
        assertThat(rules.matching(nodegroup.toString())).isEmpty();
    }

    /**
     * Announce's event for an onboarding or offboarding that left peers UNREACHED, or an onboarding whose pairs istiod
     * did not sync in time, starts a reconcile; others do not.
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Cluster Onboarding Failed,  PEERS_UNREACHED, FollowUpRule",
        "Cluster Offboarding Failed, PEERS_UNREACHED, FollowUpRule",
        "Cluster Onboarding Failed,  NOT_SYNCED,      FollowUpRule",
        "Cluster Onboarding Failed,  FAILED,          ''",
        "Cluster Onboarded,          ONBOARDED,       ''",
    })
    void matching_whenAnnouncement_startsReconcileOnlyToFollowUp(String detailType, String outcome, String rule) {
        String event = "{\"version\":\"0\",\"id\":\"1\",\"source\":\"mesh-onboarder\",\"account\":\"123456789012\","
                + "\"time\":\"2026-11-30T12:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
                + "\"detail-type\":\"" + detailType + "\",\"detail\":{\"outcome\":\"" + outcome + "\","
                + "\"clusterName\":\"eks-2\",\"meshId\":\"mesh1\",\"peersFailed\":[\"eks-1\"]}}";

        assertThat(rules.matching(event)).isEqualTo(rule.isEmpty() ? List.of() : List.of(rule));
    }

    @Test
    void matching_whenMeshTagKeyParameterChanged_followsTheNewKey() {
        Rules custom = new Rules(Template.read(TEMPLATE, Map.of("MeshTagKey", "example.com/mesh")));
        var event = Events.load("create-cluster-tagged.json");

        assertThat(custom.matching(event.toString())).isEmpty();

        var tags = (ObjectNode) event.get("detail").get("requestParameters").get("tags");
        tags.put("example.com/mesh", "mesh1");
        assertThat(custom.matching(event.toString())).containsExactly("ClusterCreatedRule");
    }
}
