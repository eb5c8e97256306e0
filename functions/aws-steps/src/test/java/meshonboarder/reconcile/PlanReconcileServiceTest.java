package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.mesh.LegacyMembers;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MembershipCarryOver;
import meshonboarder.settings.Env;
import meshonboarder.settings.MeshSettings;
import meshonboarder.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanReconcileServiceTest {

    private final InMemoryMesh mesh = new InMemoryMesh()
            .recordOnly(member("mesh2", "eks-9")).recordOnly(member("mesh1", "eks-1")).recordOnly(member("mesh1", "eks-2"));
    private final List<Member> legacy = new ArrayList<>();
    private final PlanReconcileService plan = new PlanReconcileService(mesh, new MembershipCarryOver(legacyMembers(), mesh),
            MeshSettings.from(new Env(Map.of("AWS_REGION", "us-east-1"))));

    private LegacyMembers legacyMembers() {
        return new LegacyMembers() {
            @Override
            public List<Member> all() {
                return List.copyOf(legacy);
            }

            @Override
            public void remove(Member member) {
                legacy.remove(member);
            }
        };
    }

    @Test
    void plan_whenMembersAreStillInSsm_carriesThemOverOnceAndPlansTheirMeshes() throws Exception {
        Member carried = member("mesh3", "eks-7");
        Member rival = new Member("mesh1", "eks-1", "eu-west-1", "arn:aws:eks:eu-west-1:123456789012:cluster/eks-1",
                IpFamily.IPV4, "net-x");
        legacy.addAll(List.of(carried, member("mesh1", "eks-2"), rival));

        ReconcilePlan result = plan.plan(Json.MAPPER.readTree("{\"trigger\": \"schedule\"}"));

        assertThat(result.meshes()).containsExactly("mesh1", "mesh2", "mesh3");
        assertThat(mesh.list("mesh3")).containsExactly(carried);
        // another cluster holds eks-1's name in mesh1: its SSM record stays, nothing is lost
        assertThat(legacy).containsExactly(rival);
        assertThat(mesh.list("mesh1")).extracting(Member::region).containsOnly("us-east-1");
    }

    @Test
    void plan_whenInputIsBad_carriesNothingOver() {
        legacy.add(member("mesh3", "eks-7"));

        assertThatThrownBy(() -> plan.plan(Json.MAPPER.readTree("{\"trigger\": \"hourly\"}")))
                .isInstanceOf(InvalidInput.class);
        assertThat(mesh.meshes()).doesNotContain("mesh3");
    }

    @Test
    void plan_whenStartedByHand_reconcilesThatMesh() throws Exception {
        ReconcilePlan result = plan.plan(Json.MAPPER.readTree("{\"meshId\": \"mesh1\"}"));

        assertThat(result).isEqualTo(new ReconcilePlan(List.of("mesh1"), ReconcileTrigger.MANUAL));
        // the value the Mesh Reconciled event carries
        assertThat(Json.MAPPER.valueToTree(result).path("trigger").asText()).isEqualTo("manual");
    }

    /** The run for every mesh only plans: one child execution per mesh, each with its own history and state. */
    @Test
    void plan_whenScheduled_coversEveryMeshWithMembersAndFansOut() throws Exception {
        assertThat(plan.plan(Json.MAPPER.readTree("{\"trigger\": \"schedule\"}")))
                .isEqualTo(new ReconcilePlan(List.of("mesh1", "mesh2"), ReconcileTrigger.SCHEDULE, true, null));
    }

    @Test
    void plan_whenTheStackWasDeployed_coversEveryMeshAsTheScheduleDoes() throws Exception {
        assertThat(plan.plan(Json.MAPPER.readTree("{\"trigger\": \"deploy\"}")))
                .isEqualTo(new ReconcilePlan(List.of("mesh1", "mesh2"), ReconcileTrigger.DEPLOY, true, null));
    }

    /** StartEachMesh's input: the mesh, the parent's trigger, its discovery of that mesh, the parent's id. */
    @Test
    void plan_whenAScheduledRunsChild_plansItsOneMeshWithTheCarriedDiscoveryAndDoesNotFanOut() throws Exception {
        var input = Json.MAPPER.readTree("{\"meshId\": \"mesh1\", \"trigger\": \"schedule\", \"discovery\": "
                + "{\"meshId\": \"mesh1\", \"discovered\": [{\"clusterName\": \"eks-5\", \"region\": \"us-east-1\"}],"
                + " \"onboarding\": [], \"notAdmitted\": [], \"outsideForADay\": 0},"
                + " \"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\": \"arn:aws:states:us-east-1:123456789012:execution:r:p\"}");

        ReconcilePlan planned = plan.plan(input);

        assertThat(planned.meshes()).containsExactly("mesh1");
        assertThat(planned.trigger()).isEqualTo(ReconcileTrigger.SCHEDULE);
        assertThat(planned.fanOut()).isFalse();
        assertThat(planned.discovery().discovered()).extracting(c -> c.clusterName()).containsExactly("eks-5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a trigger that does not fan out, another mesh's discovery, no discovery object, a bad mesh id
        "{\"meshId\": \"mesh1\", \"trigger\": \"manual\", \"discovery\": {\"meshId\": \"mesh1\", \"discovered\": [],"
                + " \"onboarding\": [], \"notAdmitted\": []}}",
        "{\"meshId\": \"mesh1\", \"trigger\": \"schedule\", \"discovery\": {\"meshId\": \"mesh2\", \"discovered\": [],"
                + " \"onboarding\": [], \"notAdmitted\": []}}",
        "{\"meshId\": \"mesh1\", \"trigger\": \"deploy\", \"discovery\": \"mesh1\"}",
        "{\"meshId\": \"mesh1\", \"trigger\": \"deploy\", \"discovery\": {\"meshId\": \"mesh1\"}}",
        "{\"meshId\": \"a b\", \"trigger\": \"schedule\", \"discovery\": {}}"})
    void plan_whenAChildsInputIsBad_failsWithInvalidInputBeforeAnyWrite(String input) {
        legacy.add(member("mesh3", "eks-7"));

        assertThatThrownBy(() -> plan.plan(Json.MAPPER.readTree(input))).isInstanceOf(InvalidInput.class);
        assertThat(mesh.meshes()).doesNotContain("mesh3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"untag-resource-mesh.json", "untag-resource-mesh-encoded.json"})
    void plan_whenMeshTagRemovedFromAMember_reconcilesItsMesh(String fixture) {
        // the encoded form: EKS API reference, UntagResource (DELETE /tags/{resourceArn}), as TagResource takes it
        ObjectNode event = Events.load(fixture);

        assertThat(plan.plan(event)).isEqualTo(new ReconcilePlan(List.of("mesh1"), ReconcileTrigger.UNTAG));
    }

    @Test
    void plan_whenUntaggedClusterWasNoMember_hasNothingToDo() {
        ObjectNode event = Events.load("untag-resource-mesh.json");
        ((ObjectNode) event.path("detail").path("requestParameters"))
                .put("resourceArn", "arn:aws:eks:us-east-1:123456789012:cluster/eks-404");

        assertThat(plan.plan(event).meshes()).isEmpty();
    }

    @Test
    void plan_whenPeersUnreachedAnnouncement_reconcilesItsMesh() throws Exception {
        var event = Json.MAPPER.readTree("{\"source\": \"mesh-onboarder\", \"detail-type\": \"Cluster Onboarding Failed\","
                + " \"detail\": {\"outcome\": \"PEERS_UNREACHED\", \"meshId\": \"mesh2\", \"clusterName\": \"eks-9\"}}");

        assertThat(plan.plan(event)).isEqualTo(new ReconcilePlan(List.of("mesh2"), ReconcileTrigger.PEERS_UNREACHED));
    }

    /** An onboarding whose pairs istiod did not sync in time (WaitMeshSynced) is followed up the same way. */
    @Test
    void plan_whenNotSyncedAnnouncement_reconcilesItsMeshWithoutDiscovery() throws Exception {
        var event = Json.MAPPER.readTree("{\"source\": \"mesh-onboarder\", \"detail-type\": \"Cluster Onboarding Failed\","
                + " \"detail\": {\"outcome\": \"NOT_SYNCED\", \"meshId\": \"mesh2\", \"clusterName\": \"eks-9\"}}");

        ReconcilePlan planned = plan.plan(event);

        assertThat(planned).isEqualTo(new ReconcilePlan(List.of("mesh2"), ReconcileTrigger.NOT_SYNCED));
        assertThat(planned.trigger().discovers()).isFalse();
    }

    @Test
    void plan_whenInputNamesNoMeshOrABadOne_failsWithInvalidInput() throws Exception {
        assertThatThrownBy(() -> plan.plan(Json.MAPPER.readTree("{}"))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("{\"meshId\": \"<mesh>\"}");
        assertThatThrownBy(() -> plan.plan(Json.MAPPER.readTree("{\"meshId\": \"../etc\"}")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not a mesh id");
        ObjectNode create = Events.load("create-cluster-tagged.json");
        assertThatThrownBy(() -> plan.plan(create)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("UntagResource");
    }
}
