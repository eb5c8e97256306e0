package meshonboarder.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import meshonboarder.network.GatewayAddressType;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link MeshMembers} in the mesh table ({@code MeshTable} in template.yaml), one item per member: partition key
 * {@code pk} the mesh id, sort key {@code sk} {@code MEMBER#<clusterName>}, the member record as JSON in
 * {@code record}, its cluster ARN in {@code clusterArn}, its east-west gateway's address type in
 * {@code gatewayAddressType} (absent: unknown, as in items written before it was kept). The address type is an
 * attribute of its own, not part of {@code record}, so that one conditional update changes it without rewriting (or
 * racing) the rest of the record. The key is the name, not the region and name, because
 * Istio tells a mesh's clusters apart by name: the conditional put that registers a member is what refuses a second
 * cluster of that name ({@code ClusterNameTaken}), with no window between a read and a write.
 *
 * <p>Every read is a consistent read (DynamoDB Developer Guide, "Read consistency"): it reflects every write that
 * succeeded before it, which the register-then-read order of concurrent onboardings relies on.
 */
public final class DynamoMeshMembers implements MeshMembers {

    /** The environment variable holding the table's name. */
    public static final String TABLE_VARIABLE = "MESH_TABLE";
    static final String PK = "pk";
    static final String SK = "sk";
    private static final String MEMBER = "MEMBER#";
    private static final String ARN = "clusterArn";
    private static final String RECORD = "record";
    private static final String GATEWAY = "gatewayAddressType";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoMeshMembers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table the function's environment names. */
    public static DynamoMeshMembers from(Wiring wiring) {
        return new DynamoMeshMembers(wiring.aws().dynamoDb(), table(wiring));
    }

    /** The mesh table's name, as the function's environment gives it; the onboarding records live there too. */
    static String table(Wiring wiring) {
        return wiring.env().string(TABLE_VARIABLE, "mesh-onboarder");
    }

    @Override
    public void register(Member member) {
        Optional<Member> current = get(member.meshId(), member.clusterName());
        if (current.isPresent() && current.get().equals(member)) {
            return; // already recorded as it is: a second run writes nothing
        }
        if (current.isPresent() && !current.get().sameCluster(member)) {
            throw member.nameTakenBy(current.get());
        }
        if (!put(member, "attribute_not_exists(" + PK + ") OR " + ARN + " = :arn")) {
            // another cluster took the name between the read and the write: the write decided
            throw member.nameTakenBy(get(member.meshId(), member.clusterName()).orElse(member));
        }
    }

    @Override
    public boolean adopt(Member member) {
        return put(member, "attribute_not_exists(" + PK + ")")
                || get(member.meshId(), member.clusterName()).map(member::sameCluster).orElse(false);
    }

    @Override
    public boolean recordGateway(Member member, GatewayAddressType type) {
        Optional<Member> current = get(member.meshId(), member.clusterName());
        if (current.isEmpty() || !current.get().sameCluster(member) || current.get().gatewayAddressType() == type) {
            return false; // not (or no longer) this cluster's record, or already right: nothing to write
        }
        try {
            // the condition keeps a cluster that took the name meanwhile, or a record removed meanwhile, untouched
            dynamo.updateItem(u -> u.tableName(table).key(key(member.meshId(), member.clusterName()))
                    .updateExpression("SET " + GATEWAY + " = :type").conditionExpression(ARN + " = :arn")
                    .expressionAttributeValues(Map.of(":type", s(type.value()), ":arn", s(member.clusterArn()))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "recording the gateway of member " + member.clusterName() + " in table "
                    + table);
        }
    }

    @Override
    public List<Member> list(String meshId) {
        try {
            return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                            .keyConditionExpression(PK + " = :mesh AND begins_with(" + SK + ", :member)")
                            .expressionAttributeValues(Map.of(":mesh", s(meshId), ":member", s(MEMBER))))
                    .items().stream().map(DynamoMeshMembers::member).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "listing the members of mesh " + meshId + " in table " + table);
        }
    }

    @Override
    public List<String> meshes() {
        return all().stream().map(Member::meshId).distinct().sorted().toList();
    }

    @Override
    public Optional<Member> find(String clusterName, String region) {
        return all().stream().filter(m -> m.clusterName().equals(clusterName) && m.region().equals(region)).findFirst();
    }

    @Override
    public void remove(Member member) {
        try {
            // only this cluster's item: a cluster that took the name since keeps its record
            dynamo.deleteItem(d -> d.tableName(table).key(key(member.meshId(), member.clusterName()))
                    .conditionExpression(ARN + " = :arn").expressionAttributeValues(Map.of(":arn", s(member.clusterArn()))));
        } catch (ConditionalCheckFailedException gone) {
            // already removed: removing is idempotent
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "removing member " + member.clusterName() + " from table " + table);
        }
    }

    /** Every member of every mesh: one consistent scan (the offboarding, the untag and the schedule's plan). */
    private List<Member> all() {
        try {
            return dynamo.scanPaginator(q -> q.tableName(table).consistentRead(true)
                            .filterExpression("begins_with(" + SK + ", :member)")
                            .expressionAttributeValues(Map.of(":member", s(MEMBER))))
                    .items().stream().map(DynamoMeshMembers::member).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the members of every mesh in table " + table);
        }
    }

    private Optional<Member> get(String meshId, String clusterName) {
        try {
            var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key(meshId, clusterName))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(member(item));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading member " + clusterName + " of mesh " + meshId + " in table " + table);
        }
    }

    /** @return false when the condition refused the write */
    private boolean put(Member member, String condition) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(PK, s(member.meshId()),
                SK, s(MEMBER + member.clusterName()), ARN, s(member.clusterArn()), RECORD, s(write(member))));
        if (member.gatewayAddressType() != null) {
            item.put(GATEWAY, s(member.gatewayAddressType().value()));
        }
        Map<String, AttributeValue> values = condition.contains(":arn") ? Map.of(":arn", s(member.clusterArn())) : null;
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "recording member " + member.clusterName() + " in table " + table);
        }
    }

    private static Map<String, AttributeValue> key(String meshId, String clusterName) {
        return Map.of(PK, s(meshId), SK, s(MEMBER + clusterName));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Member member(Map<String, AttributeValue> item) {
        try {
            AttributeValue gateway = item.get(GATEWAY);
            Member member = Json.MAPPER.readValue(item.get(RECORD).s(), Member.class)
                    .withGatewayAddressType(gateway == null ? null : GatewayAddressType.of(gateway.s()));
            // a member account's cluster: later calls about it go to its account (reconcile reads members here)
            ClusterLocations.remember(member.clusterName(), member.clusterArn());
            return member;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mesh table item does not hold a member record", e);
        }
    }

    private static String write(Member member) {
        try {
            // the address type is its own attribute (see the class comment)
            return Json.MAPPER.writeValueAsString(member.withGatewayAddressType(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
