package meshonboarder.testing;

import meshonboarder.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The mesh table on the moto server, as template.yaml's MeshTable declares it (pk and sk, strings), under the name
 * a handler uses when MESH_TABLE is unset. Tests share it: each uses meshes of its own ({@link MotoServer#unique}).
 * A class apart from MotoServer, so that test modules without the DynamoDB SDK can still load MotoServer.
 */
public final class MeshTables {

    public static final String NAME = "mesh-onboarder";
    private static boolean created;

    private MeshTables() {
    }

    /** Creates the table on first use; the name. */
    public static synchronized String ensure() {
        if (!created) {
            try (AwsClients aws = MotoServer.aws()) {
                aws.dynamoDb().createTable(t -> t.tableName(NAME).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            } catch (ResourceInUseException exists) {
                // another JVM on the same moto server (CI's) made it
            }
            created = true;
        }
        return NAME;
    }
}
