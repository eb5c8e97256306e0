package meshonboarder.aws;

import static meshonboarder.aws.DynamoMeshMembers.PK;
import static meshonboarder.aws.DynamoMeshMembers.SK;
import static meshonboarder.aws.DynamoMeshMembers.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.json.Json;
import meshonboarder.reconcile.MeshChecks;
import meshonboarder.reconcile.SubjectFindings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link MeshChecks} in the mesh table: one item per subject with something broken, partition key
 * {@value #PARTITION}{@code <meshId>} (no mesh id starts with '#', so no member's partition is one of these), sort
 * key the subject's cluster name, the execution that wrote it in {@code executionArn} and the findings as JSON in
 * {@code record} (a subject's holders in a mesh of 200: about 4 KB with 18-character names, against DynamoDB's
 * 400 KB per item). The prefix lets the check functions' IAM policies name these partitions ({@code dynamodb:LeadingKeys}
 * {@code "#check#*"}): they reach no member and no lease. Every read is a consistent read.
 */
public final class DynamoMeshChecks implements MeshChecks {

    /** The prefix of each mesh's check partition, which template.yaml's check policies name. */
    public static final String PARTITION = "#check#";
    private static final String EXECUTION = "executionArn";
    private static final String RECORD = "record";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoMeshChecks(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table the function's environment names ({@code MESH_TABLE}). */
    public static DynamoMeshChecks from(Wiring wiring) {
        return new DynamoMeshChecks(wiring.aws().dynamoDb(), DynamoMeshMembers.table(wiring));
    }

    @Override
    public List<SubjectFindings> list(String meshId) {
        try {
            return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                            .keyConditionExpression(PK + " = :check")
                            .expressionAttributeValues(Map.of(":check", s(PARTITION + meshId))))
                    .items().stream().map(DynamoMeshChecks::findings).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the remote-secret check of mesh " + meshId + " in table " + table);
        }
    }

    @Override
    public Optional<SubjectFindings> find(String meshId, String subject) {
        try {
            var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key(meshId, subject))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(findings(item));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the remote-secret check of " + subject + " in mesh " + meshId
                    + " in table " + table);
        }
    }

    @Override
    public void put(String meshId, SubjectFindings findings) {
        put(meshId, findings, null);
    }

    @Override
    public boolean replaceOwn(String meshId, SubjectFindings findings) {
        return put(meshId, findings, EXECUTION + " = :arn");
    }

    /** @return false when the condition refused the write */
    private boolean put(String meshId, SubjectFindings findings, String condition) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(Map.of(PK, s(PARTITION + meshId), SK, s(findings.subject()),
                    EXECUTION, s(findings.executionArn()), RECORD, s(write(findings))))
                    .conditionExpression(condition)
                    .expressionAttributeValues(condition == null ? null : Map.of(":arn", s(findings.executionArn()))));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "keeping the remote-secret check of " + findings.subject() + " in mesh "
                    + meshId + " in table " + table);
        }
    }

    @Override
    public void delete(String meshId, String subject) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key(meshId, subject)));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "deleting the remote-secret check of " + subject + " in mesh " + meshId
                    + " from table " + table);
        }
    }

    @Override
    public String location(String meshId) {
        return "DynamoDB table " + table + ", partition key " + PARTITION + meshId;
    }

    private static Map<String, AttributeValue> key(String meshId, String subject) {
        return Map.of(PK, s(PARTITION + meshId), SK, s(subject));
    }

    private static SubjectFindings findings(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(item.get(RECORD).s(), SubjectFindings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a check item of the mesh table holds no findings", e);
        }
    }

    private static String write(SubjectFindings findings) {
        try {
            return Json.MAPPER.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
