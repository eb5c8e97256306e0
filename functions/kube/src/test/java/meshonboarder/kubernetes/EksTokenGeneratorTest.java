package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class EksTokenGeneratorTest {

    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG");

    private final TestClock clock = new TestClock(T0);
    private final EksTokenGenerator tokens = new EksTokenGenerator(StaticCredentialsProvider.create(KEYS), clock);

    @Test
    void token_whenMinted_isThePresignedGetCallerIdentityUrlOfTheClusterRegion() {
        String token = tokens.token("eu-west-1", "eks-1");

        assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
        URI url = decode(token);
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.getPath()).isEqualTo("/");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20260304/eu-west-1/sts/aws4_request")
                .containsEntry("X-Amz-Date", "20260304T050607Z")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
                .doesNotContainKey("X-Amz-Security-Token");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void token_whenMinted_carriesTheSignatureStsComputesForTheEmptyBody() throws Exception {
        URI url = decode(tokens.token("us-east-1", "eks-1"));

        // What STS recomputes when the authenticator replays the URL with x-k8s-aws-id: eks-1.
        assertThat(query(url).get("X-Amz-Signature"))
                .isEqualTo(expectedSignature(url, "eks-1", "us-east-1", KEYS.secretAccessKey()));
    }

    @Test
    void token_whenSameInputs_isTheSameToken() {
        EksTokenGenerator other = new EksTokenGenerator(StaticCredentialsProvider.create(KEYS), clock);

        assertThat(tokens.token("us-east-1", "eks-1")).isEqualTo(other.token("us-east-1", "eks-1"));
    }

    @Test
    void token_whenAnotherCluster_signsItsName() {
        assertThat(tokens.token("us-east-1", "eks-1")).isNotEqualTo(tokens.token("us-east-1", "eks-2"));
    }

    @Test
    void token_beforeTheRefreshTime_isReused() {
        String first = tokens.token("us-east-1", "eks-1");
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));

        assertThat(tokens.token("us-east-1", "eks-1")).isSameAs(first);
    }

    @Test
    void token_afterTheRefreshTime_isMintedAgainWithTheNewDate() {
        String first = tokens.token("us-east-1", "eks-1");
        clock.advance(Duration.ofMinutes(10));

        String second = tokens.token("us-east-1", "eks-1");

        assertThat(second).isNotEqualTo(first);
        assertThat(query(decode(second))).containsEntry("X-Amz-Date", "20260304T051607Z");
    }

    @Test
    void token_whenSessionCredentials_carriesTheSessionToken() {
        var session = AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token");
        EksTokenGenerator assumed = new EksTokenGenerator(StaticCredentialsProvider.create(session), clock);

        Map<String, String> query = query(decode(assumed.token("us-east-1", "eks-1")));

        assertThat(query).containsEntry("X-Amz-Security-Token", "session-token");
        assertThat(query.get("X-Amz-Credential")).startsWith("ASIAEXAMPLE/");
    }

    @Test
    void token_whenTheCredentialsExpireBeforeTheRefreshTime_isMintedAgainBeforeThey() {
        var shortLived = AwsSessionCredentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("secret")
                .sessionToken("session-token").expirationTime(T0.plus(Duration.ofMinutes(5))).build();
        EksTokenGenerator assumed = new EksTokenGenerator(StaticCredentialsProvider.create(shortLived), clock);
        String first = assumed.token("us-east-1", "eks-1");

        clock.advance(Duration.ofMinutes(4));

        assertThat(assumed.token("us-east-1", "eks-1")).isNotEqualTo(first);
    }

    static URI decode(String token) {
        String encoded = token.substring("k8s-aws-v1.".length());
        return URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(urlDecode(kv[0]), urlDecode(kv[1]));
        }
        return query;
    }

    private static String urlDecode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** SigV4 as the verifier does it (AWS docs, "Create a signed AWS API request"): a test oracle, not a signer. */
    private static String expectedSignature(URI url, String clusterName, String region, String secret) throws Exception {
        String canonicalQuery = Arrays.stream(url.getRawQuery().split("&"))
                .filter(p -> !p.startsWith("X-Amz-Signature=")).sorted().collect(Collectors.joining("&"));
        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery,
                "host:" + url.getHost(), "x-k8s-aws-id:" + clusterName, "", "host;x-k8s-aws-id", sha256Hex(""));
        String date = query(url).get("X-Amz-Date");
        String scope = date.substring(0, 8) + "/" + region + "/sts/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope, sha256Hex(canonicalRequest));
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            key = hmac(key, part);
        }
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
