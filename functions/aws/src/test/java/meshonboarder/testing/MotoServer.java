package meshonboarder.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.settings.Env;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The moto server the tests talk to over real HTTP. {@code MOTO_ENDPOINT} names one that is already running
 * (CI starts one); otherwise the first test that asks starts one on a free port for the whole JVM, with the
 * project's launcher ({@code local/moto_server.py}), and stops it when the JVM exits.
 *
 * <p>Tests share the server, so each test uses names of its own ({@link #unique(String)}).
 */
public final class MotoServer {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private static URI endpoint;

    private MotoServer() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            String given = System.getenv("MOTO_ENDPOINT");
            endpoint = given != null && !given.isBlank() ? URI.create(given) : start();
        }
        return endpoint;
    }

    /** AWS clients of the default test region pointed at moto. */
    public static AwsClients aws() {
        return new AwsClients(REGION, endpoint(), credentials());
    }

    /** A handler's wiring: the given environment (plus the region) and AWS clients pointed at moto. */
    public static Wiring wiring(Map<String, String> env) {
        Map<String, String> withRegion = new HashMap<>(env);
        withRegion.putIfAbsent("AWS_REGION", REGION);
        if (hasDynamoDb()) {
            MeshTables.ensure(); // a step that reads the membership finds the table its MESH_TABLE default names
        }
        return new Wiring(new Env(withRegion), new AwsClients(withRegion.get("AWS_REGION"), endpoint(), credentials()));
    }

    // modules whose steps call no DynamoDB lack its SDK
    private static boolean hasDynamoDb() {
        try {
            Class.forName("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /** A name no other test uses, for example {@code unique("eks")} gives {@code eks-3f2a9c}. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
    }

    private static URI start() {
        Path launcher = Path.of(System.getProperty("moto.launcher", "local/moto_server.py"));
        if (!Files.exists(launcher)) {
            throw new IllegalStateException("moto launcher not found at " + launcher.toAbsolutePath());
        }
        try {
            MotoProcess moto = MotoProcess.start(launcher, 0);
            return moto.endpoint();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the moto server", e);
        }
    }
}
