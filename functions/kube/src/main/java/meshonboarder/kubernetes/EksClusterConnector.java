package meshonboarder.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.time.Clock;
import meshonboarder.aws.AwsEksClusters;
import meshonboarder.aws.AwsErrors;
import meshonboarder.aws.ClusterLocations;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.EksCluster;
import meshonboarder.cluster.EksClusters;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.errors.Transient;
import meshonboarder.remote.ApiServer;
import meshonboarder.settings.ClusterAccessRole;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * {@link ClusterConnector} on AWS: DescribeCluster for the endpoint and CA, an EKS token for the user. The client
 * asks the token generator before each request, so a client kept open longer than a token lives still works.
 *
 * <p>With {@code CLUSTER_ACCESS_ROLE_ARN} set, tokens are signed with that role's credentials (STS
 * AssumeRole): every function is then the one Kubernetes user that GrantAccess gave an access entry.
 * Nothing time-bound is made in the constructor (SnapStart): credentials and tokens come with the first
 * {@link #connect}.
 */
public final class EksClusterConnector implements ClusterConnector {

    static final String SESSION_NAME = "mesh-onboarder";
    private static final int RETRIES = 2;

    private final EksClusters clusters;
    private final EksTokenGenerator tokens;

    /**
     * A function that connects to clusters is a Kubernetes-facing one: member roles trust ClusterAccessRole for it,
     * not its own role, so its calls into member accounts (DescribeCluster here, the add-on calls of the CNI steps)
     * go through a session of ClusterAccessRole (docs/member-accounts.md).
     */
    public EksClusterConnector(Wiring wiring) {
        this(wiring, credentials(wiring));
    }

    private EksClusterConnector(Wiring wiring, AwsCredentialsProvider credentials) {
        this(new AwsEksClusters(wiring.aws()), new EksTokenGenerator(credentials, Clock.systemUTC()));
        if (ClusterAccessRole.optional(wiring.env()).isPresent()) {
            wiring.aws().assumeMemberRolesAs(credentials);
        }
    }

    public EksClusterConnector(EksClusters clusters, EksTokenGenerator tokens) {
        this.clusters = clusters;
        this.tokens = tokens;
    }

    @Override
    public KubernetesClient connect(String region, String clusterName) {
        EksCluster cluster = clusters.describe(region, clusterName).orElseThrow(() -> new ClusterNotFound(
                "There is no EKS cluster named '" + clusterName + "' in " + region + " to connect to."));
        if (blank(cluster.endpoint()) || blank(cluster.certificateAuthority())) {
            throw new Transient("Cluster '" + clusterName + "' in " + region + " has no API endpoint yet (it is "
                    + cluster.status() + "); try again once it is ACTIVE.");
        }
        return client(region, ClusterLocations.eksName(region, clusterName), cluster.endpoint(),
                cluster.certificateAuthority());
    }

    /** With the endpoint and CA the caller read from DescribeCluster already: no second DescribeCluster. */
    @Override
    public KubernetesClient connect(String region, String clusterName, ApiServer server) {
        return client(region, ClusterLocations.eksName(region, clusterName), server.endpoint(),
                server.certificateAuthority());
    }

    /**
     * @param clusterName its name in EKS, which the token names: a member account's cluster has another name in the
     *                    mesh ({@link ClusterLocations}). The token is ClusterAccessRole's in every account, the one
     *                    principal GrantAccess gives an access entry (a STANDARD entry may name another account's role)
     */
    private KubernetesClient client(String region, String clusterName, String endpoint, String certificateAuthority) {
        ClusterCa ca = ClusterCa.parse(clusterName, certificateAuthority);
        // Minted here so that a refused AssumeRole fails this step by name, not inside the client's first call.
        token(region, clusterName);
        Config config = new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl(endpoint)
                .withCaCertData(certificateAuthority)
                .withOauthTokenProvider(() -> token(region, clusterName))
                .withUserAgent("mesh-onboarder")
                // fabric8 retries I/O failures 10 times with exponential backoff (minutes in a Lambda): a few
                // quick ones here, the long waits belong to the state machine's Retry.
                .withRequestRetryBackoffLimit(RETRIES)
                .build();
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new TrustingOnly(ca))
                .build();
    }

    private String token(String region, String clusterName) {
        try {
            return tokens.token(region, clusterName);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "getting credentials for the Kubernetes API of cluster '" + clusterName + "'");
        }
    }

    private static AwsCredentialsProvider credentials(Wiring wiring) {
        return ClusterAccessRole.optional(wiring.env())
                .<AwsCredentialsProvider>map(role -> StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(wiring.aws().sts())
                        .refreshRequest(r -> r.roleArn(role.arn()).roleSessionName(SESSION_NAME))
                        .build())
                .orElse(wiring.aws().credentials());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * fabric8 adds a CA to the JVM's public trust store; an EKS endpoint is only ever signed by its cluster CA,
     * so, like kubectl, trust that CA alone. Applied after fabric8's own TLS settings.
     */
    private static final class TrustingOnly extends JdkHttpClientFactory {
        private final ClusterCa ca;

        private TrustingOnly(ClusterCa ca) {
            this.ca = ca;
        }

        @Override
        protected void additionalConfig(HttpClient.Builder builder) {
            builder.sslContext(ca.sslContext());
        }
    }
}
