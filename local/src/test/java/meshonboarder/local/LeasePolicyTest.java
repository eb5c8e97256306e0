package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meshonboarder.aws.DynamoMeshChecks;
import meshonboarder.aws.DynamoMeshLeases;
import org.junit.jupiter.api.Test;

/**
 * The lease functions' roles (docs/iam.md, The functions' roles): each may make only its own DynamoDB calls, on
 * MeshTable only, and only on items of the leases' partition ({@code dynamodb:LeadingKeys}, which IAM matches against
 * the request's partition key: DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access
 * control"), so none of them can write a member. Likewise the functions that keep and read the remote-secret check's
 * findings, on the check partitions ({@code #check#<meshId>}, matched with {@code StringLike}: IAM User Guide,
 * "Condition operators").
 */
class LeasePolicyTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "AcquireLeaseFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem"),
            "RenewLeaseFunction", Set.of("dynamodb:UpdateItem"),
            "ReleaseLeaseFunction", Set.of("dynamodb:DeleteItem"));

    private static final Map<String, Set<String>> CHECK_ACTIONS = Map.of(
            "CheckRemoteSecretsFunction", Set.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"),
            "RepairRemoteSecretsFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem"),
            "ReportReconcileFunction", Set.of("dynamodb:Query"));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void leaseFunctions_mayCallOnlyTheirOwnActions_onTheLeasePartitionOfMeshTable() {
        ACTIONS.forEach((function, expected) -> assertThat(dynamoActions(function, "ForAllValues:StringEquals",
                DynamoMeshLeases.PARTITION)).as(function + "'s actions").isEqualTo(expected));
    }

    @Test
    void checkFunctions_mayCallOnlyTheirOwnActions_onTheCheckPartitionsOfMeshTable() {
        CHECK_ACTIONS.forEach((function, expected) -> assertThat(dynamoActions(function, "ForAllValues:StringLike",
                DynamoMeshChecks.PARTITION + "*")).as(function + "'s actions").isEqualTo(expected));
    }

    /** The function's DynamoDB actions; each statement that grants one is on MeshTable, under the given keys only. */
    private Set<String> dynamoActions(String function, String operator, String leadingKeys) {
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> statement : statements(function)) {
            Object action = statement.get("Action");
            List<String> actions = action instanceof List<?> list ? list.stream().map(Object::toString).toList()
                    : List.of(action.toString());
            if (actions.stream().noneMatch(a -> a.startsWith("dynamodb:"))) {
                continue;
            }
            granted.addAll(actions);
            assertThat(Template.cast(statement.get("Resource"))).as(function + "'s Resource")
                    .containsEntry("Fn::GetAtt", "MeshTable.Arn");
            assertThat(Template.cast(statement.get("Condition"))).as(function + "'s condition").containsOnlyKeys(operator);
            assertThat(Template.map(Template.map(statement, "Condition"), operator))
                    .as(function + "'s condition").containsEntry("dynamodb:LeadingKeys", List.of(leadingKeys));
        }
        return granted;
    }

    private List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        Object policies = template.properties(function).get("Policies");
        for (Object policy : (List<?>) policies) {
            ((List<?>) Template.cast(policy).get("Statement")).forEach(s -> statements.add(Template.cast(s)));
        }
        return statements;
    }
}
