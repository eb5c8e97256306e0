package meshonboarder.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import meshonboarder.errors.InvalidInput;
import meshonboarder.istio.UserValues;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The user's extra values ({@code ISTIO_VALUES_PARAMETER}): a YAML document keyed by release name (see
 * {@link UserValues}) in an SSM parameter (a name, a path, or its ARN; SecureString is decrypted) or in an S3
 * object ({@code s3://bucket/key}). Read on every run, so an edit is picked up by the next onboarding.
 */
public final class IstioValuesDocument implements Supplier<UserValues> {

    private static final ObjectMapper YAML = new YAMLMapper();

    private final AwsClients aws;
    private final Optional<String> location;

    public IstioValuesDocument(AwsClients aws, Optional<String> location) {
        this.aws = aws;
        this.location = location;
    }

    @Override
    public UserValues get() {
        if (location.isEmpty()) {
            return UserValues.none();
        }
        String where = location.get();
        String text = where.startsWith("s3://") ? fromS3(URI.create(where)) : fromSsm(where);
        try {
            return UserValues.of(YAML.readValue(text, Object.class), where);
        } catch (IOException e) {
            throw new InvalidInput("The Istio values document " + where + " is not valid YAML ("
                    + e.getMessage().split("\n")[0] + ").");
        }
    }

    private String fromSsm(String name) {
        try {
            return aws.ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new InvalidInput("The SSM parameter '" + name + "' named by ISTIO_VALUES_PARAMETER does not exist; "
                    + "create it or clear the IstioValuesParameter parameter.");
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the Istio values from SSM parameter " + name);
        }
    }

    private String fromS3(URI uri) {
        String bucket = uri.getHost();
        String key = uri.getPath().replaceFirst("^/", "");
        var builder = S3Client.builder().region(Region.of(aws.region())).credentialsProvider(aws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                // the bucket may live in another region than the function
                .crossRegionAccessEnabled(true);
        if (aws.endpoint() != null) {
            builder.endpointOverride(aws.endpoint()).forcePathStyle(true);
        }
        try (S3Client s3 = builder.build()) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new InvalidInput("The S3 object " + uri + " named by ISTIO_VALUES_PARAMETER does not exist.");
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the Istio values from " + uri);
        }
    }
}
