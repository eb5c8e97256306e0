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
    // a member account's clients (its MemberRole's session, per step), built on first use
    private final Map<String, AwsClients> members = new ConcurrentHashMap<>();
    private final boolean sharesHttp;
    private volatile String memberRoleName = DEFAULT_MEMBER_ROLE_NAME;
    // whose session assumes a member role: this function's own, or ClusterAccessRole's (assumeMemberRolesAs)
    private volatile AwsClients memberRoleCaller = this;

    /** The member template's default {@code MemberRoleName}: the role each member account offers the hub. */
    public static final String DEFAULT_MEMBER_ROLE_NAME = "mesh-onboarder-member";

    public AwsClients(String region, URI endpoint, AwsCredentialsProvider credentials) {
        this(region, endpoint, credentials, UrlConnectionHttpClient.create(), false);
    }

    private AwsClients(String region, URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient http,
                       boolean sharesHttp) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        this.http = http;
        this.sharesHttp = sharesHttp;
    }

    /**
     * Clients of the same services that never reach the network nor read credentials: made-up static ones, and
     * an HTTP client that answers in-process ({@link PrimingHttpClient}). SnapStart priming runs a step's request
     * path through them at init, with no side effect and nothing time-bound left in the snapshot.
     */
    public static AwsClients priming(String region) {
        return new AwsClients(region, null, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAPRIMINGPRIMING00", "priming")), new PrimingHttpClient(), false);
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

    /** The HTTP client the SDK clients share: for a service whose SDK module this build lacks (AwsOrganizationalUnits). */
    SdkHttpClient http() {
        return http;
    }

    /** Where the SDK sends calls instead of AWS, or null. */
    public URI endpoint() {
        return endpoint;
    }

    /** The name of the role every member account offers the hub (the member template's {@code MemberRoleName}). */
    public AwsClients memberRoleName(String name) {
        this.memberRoleName = name;
        return this;
    }

    /**
     * Member roles are assumed from a session of {@code caller} instead of this function's own: a Kubernetes-facing
     * function reaches member accounts through ClusterAccessRole, the hub role that the member role trusts for it.
     */
    public void assumeMemberRolesAs(AwsCredentialsProvider caller) {
        this.memberRoleCaller = new AwsClients(region, endpoint, caller, http, true);
    }

    /**
     * The clients for calls about a cluster, by its region and its name in the mesh: this function's own for a hub
     * cluster, those of its account's member role for a member account's ({@link ClusterLocations}), with the name
     * EKS knows it by.
     */
    public ClusterClients forCluster(String clusterRegion, String clusterName) {
        return ClusterLocations.cluster(clusterRegion, clusterName)
                .map(l -> new ClusterClients(forAccount(l.account()), l.eksName()))
                .orElseGet(() -> new ClusterClients(this, clusterName));
    }

    /** The clients for a resource (a VPC, a subnet) of a cluster: its member account's when it is a member's. */
    public AwsClients forResource(String resourceRegion, String id) {
        return ClusterLocations.resource(resourceRegion, id).map(l -> forAccount(l.account())).orElse(this);
    }

    /**
     * The clients of another account: every call on a session of that account's member role
     * ({@code arn:<partition>:iam::<account>:role/<MemberRoleName>}), named after the step; null is this function's
     * own account.
     */
    public AwsClients forAccount(String account) {
        if (account == null || account.isEmpty()) {
            return this;
        }
        String session = ClusterLocations.sessionName();
        return members.computeIfAbsent(account + "/" + session, k -> {
            String roleArn = "arn:" + partition() + ":iam::" + account + ":role/" + memberRoleName;
            AwsCredentialsProvider assumed = MemberRoleCredentials.of(memberRoleCaller.sts(), roleArn, session);
            return new AwsClients(region, endpoint, assumed, http, true);
        });
    }

    /** A call's clients and the name EKS knows the cluster by. */
    public record ClusterClients(AwsClients aws, String eksName) {
    }

    private String partition() {
        var metadata = Region.of(region).metadata();
        return metadata == null ? "aws" : metadata.partition().id();
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
        members.values().forEach(AwsClients::close);
        members.clear();
        if (memberRoleCaller != this) {
            memberRoleCaller.close();
        }
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (!sharesHttp) {
            http.close();
        }
    }
}
