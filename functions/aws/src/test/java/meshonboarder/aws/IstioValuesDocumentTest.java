package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.InvalidInput;
import meshonboarder.istio.UserValues;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class IstioValuesDocumentTest {

    private static final String DOCUMENT = """
            istiod:
              env:
                PILOT_ENABLE_STATUS: "true"
            istio-eastwestgateway:
              service:
                annotations:
                  service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
            """;

    private final AwsClients aws = MotoServer.aws();

    @Test
    void get_whenSsmParameter_readsTheDocument() {
        String name = "/" + MotoServer.unique("istio") + "/values";
        aws.ssm().putParameter(r -> r.name(name).value(DOCUMENT).type(ParameterType.SECURE_STRING));

        UserValues values = new IstioValuesDocument(aws, Optional.of(name)).get();

        assertThat(values.forRelease("istiod")).isEqualTo(Map.of("env", Map.of("PILOT_ENABLE_STATUS", "true")));
        assertThat(values.forRelease("istio-eastwestgateway")).isEqualTo(Map.of("service", Map.of("annotations",
                Map.of("service.beta.kubernetes.io/aws-load-balancer-scheme", "internet-facing"))));
    }

    @Test
    void get_whenS3Object_readsTheDocument() {
        String bucket = MotoServer.unique("istio-values");
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(MotoServer.credentials())
                .endpointOverride(MotoServer.endpoint()).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(r -> r.bucket(bucket));
            s3.putObject(r -> r.bucket(bucket).key("mesh1/istio.yaml"), RequestBody.fromString(DOCUMENT));
        }

        UserValues values = new IstioValuesDocument(aws, Optional.of("s3://" + bucket + "/mesh1/istio.yaml")).get();

        assertThat(values.forRelease("istiod")).containsKey("env");
    }

    @Test
    void get_whenNotConfigured_isNone() {
        assertThat(new IstioValuesDocument(aws, Optional.empty()).get()).isEqualTo(UserValues.none());
    }

    @Test
    void get_whenParameterMissing_failsNamingIt() {
        IstioValuesDocument document = new IstioValuesDocument(aws, Optional.of("/no/such/values"));

        assertThatThrownBy(document::get).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("'/no/such/values'").hasMessageContaining("does not exist");
    }

    @Test
    void get_whenNotYaml_failsNamingTheDocument() {
        String name = "/" + MotoServer.unique("istio") + "/broken";
        aws.ssm().putParameter(r -> r.name(name).value("istiod: [unclosed").type(ParameterType.STRING));

        assertThatThrownBy(() -> new IstioValuesDocument(aws, Optional.of(name)).get())
                .isInstanceOf(InvalidInput.class).hasMessageContaining(name).hasMessageContaining("not valid YAML");
    }
}
