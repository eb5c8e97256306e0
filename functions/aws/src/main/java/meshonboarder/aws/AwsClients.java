package meshonboarder.aws;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds and keeps the SDK clients of one function: the url-connection HTTP client (the fastest cold
 * start), one client per service and region. Built at init, so SnapStart snapshots them warm; they hold no
 * credentials of their own (the provider resolves them per request).
 *
 * <p>{@code endpoint} sends every call to one place (a moto server in tests and in the local runner);
 * null means AWS itself.
 *
 * <p>Every package carries this class. The SDKs of the services it names are optional dependencies of this module:
 * each step module declares the ones its handlers call. EC2's, by far the largest, is not named here: its adapter
 * module (aws-network) builds its client through {@link #client(String, String, Supplier)}, so that no other package
 * needs the EC2 SDK, not even to load this class.
 */
public final class AwsClients implements AutoCloseable {

    private final String region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(String region, URI endpoint, AwsCredentialsProvider credentials) {
        this(region, endpoint, credentials, UrlConnectionHttpClient.create());
    }

    private AwsClients(String region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        this.http = http;
    }

    /**
     * Clients of the same services that never reach the network nor read credentials: made-up static ones, and
     * an HTTP client that answers in-process ({@link PrimingHttpClient}). SnapStart priming runs a step's request
     * path through them at init, with no side effect and nothing time-bound left in the snapshot.
     */
    public static AwsClients priming(String region) {
        return new AwsClients(region, null, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming")), new PrimingHttpClient());
    }

    /** Whether these are the priming clients ({@link #priming}), which a SnapStart priming runs on. */
    public boolean priming() {
        return http instanceof PrimingHttpClient;
    }

    /** The controller's own region. */
    public String region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** Where the SDK sends calls instead of AWS, or null. */
    public URI endpoint() {
        return endpoint;
    }

    public EksClient eks(String clusterRegion) {
        return client("eks", clusterRegion, EksClient::builder);
    }

    public StsClient sts() {
        return client("sts", region, StsClient::builder);
    }

    /** IAM is global: the SDK sends every region of a partition to the partition's IAM endpoint. */
    public IamClient iam() {
        return client("iam", region, IamClient::builder);
    }

    public SecretsManagerClient secretsManager() {
        return client("secretsmanager", region, SecretsManagerClient::builder);
    }

    public SsmClient ssm() {
        return client("ssm", region, SsmClient::builder);
    }

    public DynamoDbClient dynamoDb() {
        return client("dynamodb", region, DynamoDbClient::builder);
    }

    public EventBridgeClient eventBridge() {
        return client("events", region, EventBridgeClient::builder);
    }

    /**
     * The client of {@code service} in {@code clientRegion}, built once from {@code builder} with this instance's
     * HTTP client, credentials and endpoint, and kept.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String service, String clientRegion, Supplier<B> builder) {
        @SuppressWarnings("unchecked")
        C client = (C) clients.computeIfAbsent(service + "/" + clientRegion,
                k -> configure(builder.get(), clientRegion).httpClient(http).build());
        return client;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String clientRegion) {
        builder.region(Region.of(clientRegion)).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** Closes the clients built so far and the HTTP client: for the priming clients, which a function throws away. */
    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        http.close();
    }
}
