package meshonboarder.aws;

import static meshonboarder.aws.DynamoMeshMembers.PK;
import static meshonboarder.aws.DynamoMeshMembers.SK;
import static meshonboarder.aws.DynamoMeshMembers.s;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import meshonboarder.reconcile.Lease;
import meshonboarder.reconcile.MeshLeases;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link MeshLeases} in the mesh table: one item per mesh, partition key {@value #PARTITION} (no mesh id starts with
 * '#'), sort key the mesh id, with the holder (an execution ARN) and {@code expiresAt} (epoch seconds). A partition of
 * their own lets the lease functions' IAM policies name it ({@code dynamodb:LeadingKeys}): they can write no member.
 * Every write carries its condition, which DynamoDB checks atomically with the write (DynamoDB Developer Guide,
 * "Condition expressions"): of two runs, one wins. Reads are consistent reads.
 */
public final class DynamoMeshLeases implements MeshLeases {

    /** The leases' partition key, which template.yaml's lease policies name. */
    public static final String PARTITION = "#lease";
    private static final String HOLDER = "holder";
    private static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoMeshLeases(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table the function's environment names ({@code MESH_TABLE}). */
    public static DynamoMeshLeases from(Wiring wiring) {
        return new DynamoMeshLeases(wiring.aws().dynamoDb(), DynamoMeshMembers.table(wiring));
    }

    @Override
    public Optional<Lease> find(String meshId) {
        try {
            var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key(meshId))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new Lease(meshId,
                    item.get(HOLDER).s(), Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n()))));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the reconcile lease of mesh " + meshId + " in table " + table);
        }
    }

    @Override
    public boolean take(Lease lease, Instant now) {
        return write(lease.meshId(), "taking", () -> dynamo.putItem(p -> p.tableName(table)
                .item(Map.of(PK, s(PARTITION), SK, s(lease.meshId()), HOLDER, s(lease.holder()),
                        EXPIRES_AT, n(lease.expiresAt())))
                .conditionExpression("attribute_not_exists(" + PK + ") OR " + EXPIRES_AT + " < :now OR "
                        + HOLDER + " = :holder")
                .expressionAttributeValues(Map.of(":now", n(now), ":holder", s(lease.holder())))));
    }

    @Override
    public boolean renew(Lease lease) {
        return write(lease.meshId(), "renewing", () -> dynamo.updateItem(u -> u.tableName(table)
                .key(key(lease.meshId()))
                .updateExpression("SET " + EXPIRES_AT + " = :expiresAt")
                .conditionExpression(HOLDER + " = :holder")
                .expressionAttributeValues(Map.of(":expiresAt", n(lease.expiresAt()), ":holder", s(lease.holder())))));
    }

    @Override
    public boolean release(String meshId, String holder) {
        return write(meshId, "releasing", () -> dynamo.deleteItem(d -> d.tableName(table).key(key(meshId))
                .conditionExpression(HOLDER + " = :holder")
                .expressionAttributeValues(Map.of(":holder", s(holder)))));
    }

    /** @return false when the condition refused the write */
    private boolean write(String meshId, String doing, Runnable request) {
        try {
            request.run();
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, doing + " the reconcile lease of mesh " + meshId + " in table " + table);
        }
    }

    private static Map<String, AttributeValue> key(String meshId) {
        return Map.of(PK, s(PARTITION), SK, s(meshId));
    }

    private static AttributeValue n(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
