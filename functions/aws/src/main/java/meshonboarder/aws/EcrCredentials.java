package meshonboarder.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.istio.RegistryCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * {@link RegistryCredentials} for private ECR chart registries ({@code <account>.dkr.ecr.<region>.amazonaws.com}):
 * a fresh authorization token per pull (ecr:GetAuthorizationToken; it is already {@code AWS:<password>} in base64).
 * Other registries are pulled anonymously. Nothing is fetched before a pull needs it (SnapStart). The helm module's
 * OCI registry asks for it; it lives here because it calls AWS, and the helm module knows no AWS SDK.
 */
public final class EcrCredentials implements RegistryCredentials {

    private static final Pattern ECR = Pattern.compile("\\d{12}\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private final AwsClients aws;

    public EcrCredentials(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<String> basic(String host) {
        Matcher m = ECR.matcher(host);
        if (!m.matches()) {
            return Optional.empty();
        }
        var builder = EcrClient.builder().region(Region.of(m.group(2))).credentialsProvider(aws.credentials())
                .httpClient(UrlConnectionHttpClient.create());
        if (aws.endpoint() != null) {
            builder.endpointOverride(aws.endpoint());
        }
        try (EcrClient ecr = builder.build()) {
            return Optional.of(ecr.getAuthorizationToken(r -> { }).authorizationData().get(0).authorizationToken());
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "getting a pull token for the ECR registry " + host);
        }
    }
}
