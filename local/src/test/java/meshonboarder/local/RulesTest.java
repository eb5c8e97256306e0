package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meshonboarder.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EventBridge patterns of template.yaml against realistic CloudTrail events, with AWS's event-ruler. */
class RulesTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("project.root", "..")).resolve("template.yaml");

    private final Rules rules = new Rules(Template.read(TEMPLATE));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "create-cluster-tagged.json,        ClusterCreatedRule",
        "create-cluster-tagged-clustername.json, ClusterCreatedRule",
        "tag-resource-mesh.json,            ClusterTaggedRule",
        "tag-resource-mesh-encoded.json,    ClusterTaggedRule",
        "delete-cluster.json,               ClusterDeletedRule",
        "create-cluster-untagged.json,      ''",
        "create-cluster-other-tag.json,     ''",
        "create-cluster-failed.json,        ''",
        "tag-resource-other-tag.json,       ''",
        "tag-resource-nodegroup.json,       ''",
        "untag-resource-mesh.json,          ClusterUntaggedRule",
        // EKS API reference, UntagResource: DELETE /tags/{resourceArn}, the ARN URL-encoded as in TagResource
        "untag-resource-mesh-encoded.json,  ClusterUntaggedRule",
        "delete-cluster-failed.json,        ''",
        "create-nodegroup-tagged.json,      ''",
        "ecs-create-cluster-tagged.json,    ''",
    })
    void matching_whenCloudTrailEvent_startsTheRightMachineOrNone(String event, String rule) {
        List<String> matched = rules.matching(Events.load(event).toString());

        assertThat(matched).isEqualTo(rule.isEmpty() ? List.of() : List.of(rule));
    }

    @Test
    void target_whenRuleMatches_isTheStateMachineOfItsKind() {
        assertThat(rules.target("ClusterCreatedRule")).isEqualTo("OnboardClusterStateMachine");
        assertThat(rules.target("ClusterTaggedRule")).isEqualTo("OnboardClusterStateMachine");
        assertThat(rules.target("ClusterDeletedRule")).isEqualTo("OffboardClusterStateMachine");
        assertThat(rules.target("ClusterUntaggedRule")).isEqualTo("ReconcileMeshStateMachine");
        assertThat(rules.target("PeersUnreachedRule")).isEqualTo("ReconcileMeshStateMachine");
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

    /** Announce's event for an onboarding or offboarding that left peers UNREACHED starts a reconcile; others do not. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Cluster Onboarding Failed,  PEERS_UNREACHED, PeersUnreachedRule",
        "Cluster Offboarding Failed, PEERS_UNREACHED, PeersUnreachedRule",
        "Cluster Onboarding Failed,  FAILED,          ''",
        "Cluster Onboarded,          ONBOARDED,       ''",
    })
    void matching_whenAnnouncement_startsReconcileOnlyForUnreachedPeers(String detailType, String outcome, String rule) {
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
