package meshonboarder.kubernetes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * Makes the bearer token EKS accepts, the same one {@code aws eks get-token} prints: a presigned STS
 * {@code GetCallerIdentity} URL, with the cluster name signed in as the {@code x-k8s-aws-id} header, encoded
 * as {@code k8s-aws-v1.<base64url>}. The API server's authenticator replays the URL to STS, so whoever signed
 * it is the Kubernetes user.
 *
 * <p>EKS honours a token for 15 minutes after its signing time; a cached one is used for 10, and never past
 * the expiry of the credentials that signed it. Tokens are credentials: never log them or put them in a
 * message.
 */
public final class EksTokenGenerator {

    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    static final Duration URL_EXPIRY = Duration.ofSeconds(60);
    static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    private static final Duration CREDENTIALS_MARGIN = Duration.ofMinutes(1);

    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    public EksTokenGenerator(AwsCredentialsProvider credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A token for the cluster, minted now or reused while it has enough time left. */
    public String token(String region, String clusterName) {
        return cache.compute(region + "/" + clusterName, (key, cached) ->
                cached != null && clock.instant().isBefore(cached.refreshAt) ? cached : mint(region, clusterName)).value;
    }

    private Token mint(String region, String clusterName) {
        Instant now = clock.instant();
        AwsCredentials signing = credentials.resolveCredentials();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(stsEndpoint(region))
                .encodedPath("/")
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        SdkHttpRequest presigned = signer.sign(r -> r
                .identity(signing)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, URL_EXPIRY)
                // STS checks the hash of the (empty) body; UNSIGNED-PAYLOAD would make a token STS rejects.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        String url = presigned.getUri().toString();
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(StandardCharsets.UTF_8));
        return new Token(value, refreshAt(now, signing));
    }

    private static Instant refreshAt(Instant now, AwsCredentials signing) {
        Instant refreshAt = now.plus(REFRESH_AFTER);
        Instant credentialsStale = signing.expirationTime().map(e -> e.minus(CREDENTIALS_MARGIN)).orElse(refreshAt);
        return credentialsStale.isBefore(refreshAt) ? credentialsStale : refreshAt;
    }

    /** The regional STS endpoint of the cluster's region (what the authenticator expects), from the SDK's rules. */
    private static URI stsEndpoint(String region) {
        return StsEndpointProvider.defaultProvider()
                .resolveEndpoint(StsEndpointParams.builder().region(Region.of(region)).useGlobalEndpoint(false).build())
                .join().url();
    }

    /** Not a record: a record's toString would print the token. */
    private static final class Token {
        private final String value;
        private final Instant refreshAt;

        private Token(String value, Instant refreshAt) {
            this.value = value;
            this.refreshAt = refreshAt;
        }

        @Override
        public String toString() {
            return "EksToken[refreshAt=" + refreshAt + "]";
        }
    }
}
