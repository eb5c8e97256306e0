package meshonboarder.aws;

import static meshonboarder.reconcile.PairProblem.MISSING;
import static meshonboarder.reconcile.PairProblem.STALE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.istiod.UnsyncedPair;
import meshonboarder.reconcile.PairProblem;
import meshonboarder.reconcile.SecretRepairResult;
import meshonboarder.reconcile.SubjectFindings;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** The remote-secret check's findings on moto's DynamoDB: one item per subject, beside the members, none of them. */
class DynamoMeshChecksTest {

    private final DynamoMeshChecks checks = new DynamoMeshChecks(MotoServer.aws().dynamoDb(), MeshTables.ensure());
    private final String mesh = MotoServer.unique("mesh");

    private static SubjectFindings findings(String subject, String run, Map<PairProblem, List<String>> holders) {
        return new SubjectFindings(subject, run, holders, List.of(new UnsyncedPair("eks-9", subject, "timeout")));
    }

    @Test
    void putThenRead_givesTheFindingsBackAsWritten() {
        Map<PairProblem, List<String>> holders = new LinkedHashMap<>();
        holders.put(STALE_TOKEN, List.of("eks-2", "eks-3"));
        holders.put(MISSING, List.of("eks-4"));
        SubjectFindings written = findings("eks-1", "run-1", holders);

        checks.put(mesh, written);

        assertThat(checks.find(mesh, "eks-1")).contains(written);
        assertThat(checks.find(mesh, "eks-1").orElseThrow().holders()).containsExactly("eks-2", "eks-3", "eks-4");
        assertThat(checks.list(mesh)).containsExactly(written);
        assertThat(checks.find(mesh, "eks-2")).isEmpty();
        assertThat(checks.location(mesh)).isEqualTo("DynamoDB table " + MeshTables.NAME + ", partition key #check#"
                + mesh);
    }

    @Test
    void putAgain_replacesTheSubjectsItem_andDeleteRemovesIt() {
        checks.put(mesh, findings("eks-1", "run-1", Map.of(MISSING, List.of("eks-2"))));
        checks.put(mesh, findings("eks-2", "run-1", Map.of(MISSING, List.of("eks-1"))));
        checks.put(mesh, findings("eks-1", "run-2", Map.of(STALE_TOKEN, List.of("eks-2"))));

        assertThat(checks.list(mesh)).extracting(SubjectFindings::subject, SubjectFindings::executionArn)
                .containsExactly(tuple("eks-1", "run-2"),
                        tuple("eks-2", "run-1"));

        checks.delete(mesh, "eks-1");
        checks.delete(mesh, "eks-1");

        assertThat(checks.list(mesh)).extracting(SubjectFindings::subject).containsExactly("eks-2");
    }

    /** RepairRemoteSecrets adds its failures only to its own execution's findings: the condition decides. */
    @Test
    void replaceOwn_whenTheKeptFindingsAreThisExecutions_writesThem_andOtherwiseWritesNothing() {
        SubjectFindings own = findings("eks-1", "run-1", Map.of(MISSING, List.of("eks-2")));
        checks.put(mesh, own);
        SubjectFindings failed = own.withFailed(List.of(new SecretRepairResult.Failure("eks-2", "AccessDenied: no")));

        assertThat(checks.replaceOwn(mesh, failed)).isTrue();
        assertThat(checks.find(mesh, "eks-1")).contains(failed);

        checks.put(mesh, findings("eks-1", "run-2", Map.of(MISSING, List.of("eks-2"))));
        assertThat(checks.replaceOwn(mesh, failed)).isFalse();
        assertThat(checks.replaceOwn(mesh, findings("eks-3", "run-1", Map.of()))).isFalse();
        assertThat(checks.find(mesh, "eks-1")).map(SubjectFindings::executionArn).contains("run-2");
        assertThat(checks.find(mesh, "eks-3")).isEmpty();
    }

    /** Every pair of 200 broken: one subject's 199 holders fit an item (DynamoDB's limit is 400 KB). */
    @Test
    void put_ofASubjectHeldBrokenByTwoHundredMembers_fitsOneItem() {
        List<String> holders = new ArrayList<>();
        for (int i = 1; i < 200; i++) {
            holders.add(String.format("member-cluster-with-a-long-name-%03d", i));
        }
        SubjectFindings written = new SubjectFindings("member-cluster-with-a-long-name-000", "run-1",
                Map.of(STALE_TOKEN, holders), List.of());

        checks.put(mesh, written);

        assertThat(checks.find(mesh, written.subject())).contains(written);
    }

    @Test
    void theFindings_areNoMemberOfTheMesh() {
        // a subject name no other test uses: the moto server, and so the table, is shared by every test of the run
        String subject = "subject-of-" + mesh;
        checks.put(mesh, findings(subject, "run-1", Map.of(MISSING, List.of("eks-2"))));

        DynamoMeshMembers members = new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.NAME);
        assertThat(members.list(mesh)).isEmpty();
        assertThat(members.meshes()).doesNotContain(mesh, "#check#" + mesh);
        assertThat(members.find(subject, "us-east-1")).isEmpty();
    }
}
