package meshonboarder.aws;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.discovery.OnboardingOutcome;
import meshonboarder.discovery.OnboardingRecord;
import meshonboarder.discovery.OnboardingRecords;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link OnboardingRecords} in the mesh table, one item per cluster: partition key {@value #PARTITION} (no mesh id
 * can start with '#', so no mesh's items share it), sort key {@code <region>#<clusterName>}. A claim is one
 * conditional update (DynamoDB Developer Guide, "Condition expressions"): it succeeds only when no other execution
 * holds an unexpired claim, so two executions for one cluster cannot both go on, whatever their timing. Reads are
 * consistent reads.
 */
public final class DynamoOnboardingRecords implements OnboardingRecords {

    static final String PARTITION = "#onboarding";
    // the mesh table's keys, which the members' items use too
    private static final String PK = DynamoMeshMembers.PK;
    private static final String SK = DynamoMeshMembers.SK;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoOnboardingRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The table the function's environment names ({@code MESH_TABLE}). */
    public static DynamoOnboardingRecords from(Wiring wiring) {
        return new DynamoOnboardingRecords(wiring.aws().dynamoDb(), DynamoMeshMembers.table(wiring));
    }

    @Override
    public List<OnboardingRecord> list() {
        try {
            return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                            .keyConditionExpression(PK + " = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(PARTITION))))
                    .items().stream().map(DynamoOnboardingRecords::record).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the onboarding records in table " + table);
        }
    }

    @Override
    public Optional<OnboardingRecord> find(String region, String clusterName) {
        try {
            var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(key(region, clusterName)))
                    .item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the onboarding record of " + clusterName + " in table " + table);
        }
    }

    @Override
    public boolean claim(String region, String clusterName, String meshId, String holder, Instant now,
                         Instant expiresAt, String tagsDigest) {
        Optional<OnboardingRecord> current = find(region, clusterName);
        if (current.isPresent() && current.get().running(now) && holder.equals(current.get().holder())) {
            return true;   // this execution's step ran again: it holds the claim already, nothing to write
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":mesh", s(meshId), ":me", s(holder),
                ":now", n(now), ":exp", n(expiresAt)));
        String set = "SET meshId = :mesh, holder = :me, expiresAt = :exp, lastAttemptAt = :now, "
                + "firstAttemptAt = if_not_exists(firstAttemptAt, :now)";
        String update;
        if (tagsDigest != null) {
            values.put(":digest", s(tagsDigest));
            update = set + ", tagsDigest = :digest";
        } else {
            update = set + " REMOVE tagsDigest";
        }
        return update(region, clusterName, update,
                "attribute_not_exists(holder) OR expiresAt < :now OR holder = :me", values);
    }

    @Override
    public void finish(String region, String clusterName, String holder, OnboardingOutcome outcome, String error,
                       Instant now) {
        boolean succeeded = outcome == OnboardingOutcome.SUCCEEDED;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":outcome", s(outcome.name())));
        String set = "SET lastOutcome = :outcome";
        if (error != null) {
            values.put(":error", s(error));
            set += ", lastError = :error";
        }
        // a success ends the cluster's time outside the mesh: a later onboarding (it left, then came back) starts anew
        String remove = " REMOVE holder, expiresAt" + (error == null ? ", lastError" : "")
                + (succeeded ? ", firstAttemptAt" : "");
        Map<String, AttributeValue> asHolder = new HashMap<>(values);
        asHolder.put(":me", s(holder));
        if (update(region, clusterName, set + remove, "holder = :me", asHolder)) {
            return;
        }
        // it ended before its claim (it failed in Resolve): an attempt whose tags are unknown, unless another holds it
        Map<String, AttributeValue> unclaimed = new HashMap<>(values);
        unclaimed.put(":now", n(now));
        update(region, clusterName, set + ", lastAttemptAt = :now"
                        + (succeeded ? "" : ", firstAttemptAt = if_not_exists(firstAttemptAt, :now)")
                        + remove + ", tagsDigest",
                "attribute_not_exists(holder) OR expiresAt < :now", unclaimed);
    }

    /** @return false when the condition refused the write */
    private boolean update(String region, String clusterName, String expression, String condition,
                           Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(region, clusterName)).updateExpression(expression)
                    .conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "writing the onboarding record of " + clusterName + " in table " + table);
        }
    }

    private static Map<String, AttributeValue> key(String region, String clusterName) {
        return Map.of(PK, s(PARTITION), SK, s(region + "#" + clusterName));
    }

    private static OnboardingRecord record(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        int hash = sk.indexOf('#');
        return new OnboardingRecord(sk.substring(0, hash), sk.substring(hash + 1), text(item, "meshId"),
                text(item, "holder"), time(item, "expiresAt"),
                item.containsKey("lastOutcome") ? OnboardingOutcome.valueOf(item.get("lastOutcome").s()) : null,
                text(item, "lastError"), time(item, "firstAttemptAt"), time(item, "lastAttemptAt"),
                text(item, "tagsDigest"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochSecond(Long.parseLong(item.get(name).n())) : null;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(Instant value) {
        return AttributeValue.fromN(Long.toString(value.getEpochSecond()));
    }
}
