package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meshonboarder.aws.DynamoMeshLeases;
import org.junit.jupiter.api.Test;

/**
 * The lease functions' roles (docs/iam.md, The functions' roles): each may make only its own DynamoDB calls, on
 * MeshTable only, and only on items of the leases' partition ({@code dynamodb:LeadingKeys}, which IAM matches against
 * the request's partition key: DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access
 * control"), so none of them can write a member.
 */
class LeasePolicyTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "AcquireLeaseFunction", Set.of("dynamodb:GetItem", "dynamodb:PutItem"),
            "RenewLeaseFunction", Set.of("dynamodb:UpdateItem"),
            "ReleaseLeaseFunction", Set.of("dynamodb:DeleteItem"));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void leaseFunctions_mayCallOnlyTheirOwnActions_onTheLeasePartitionOfMeshTable() {
        ACTIONS.forEach((function, expected) -> {
            List<Map<String, Object>> statements = statements(function);
            Set<String> granted = new TreeSet<>();
            for (Map<String, Object> statement : statements) {
                Object action = statement.get("Action");
                granted.addAll(action instanceof List<?> list ? list.stream().map(Object::toString).toList()
                        : List.of(action.toString()));
                assertThat(Template.cast(statement.get("Resource"))).as(function + "'s Resource")
                        .containsEntry("Fn::GetAtt", "MeshTable.Arn");
                assertThat(Template.map(Template.map(statement, "Condition"), "ForAllValues:StringEquals"))
                        .as(function + "'s condition").containsEntry("dynamodb:LeadingKeys",
                                List.of(DynamoMeshLeases.PARTITION));
            }
            assertThat(granted).as(function + "'s actions").isEqualTo(expected);
        });
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
