package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What AWS refuses, or accepts and then fails on, read from template.yaml: values CloudFormation would deploy but the
 * service cannot use. Each test names the public source of the limit.
 */
class AwsLimitsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    /**
     * CaKmsKeyId is the Resource of EnsureCa's KMS statement. KMS Developer Guide, "Specifying KMS keys in IAM policy
     * statements" (https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html): only a key ARN
     * names a key there; a key id fails the policy, an alias ARN authorizes the alias and not the key.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "'',                                                                                true",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,       true",
        "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab,       true",
        "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,   true",
        "1234abcd-12ab-34cd-56ef-1234567890ab,                                              false",
        "alias/mesh-ca,                                                                     false",
        "arn:aws:kms:us-east-1:123456789012:alias/mesh-ca,                                  false",
    })
    void caKmsKeyId_whenNotAKeyArn_isRefusedWithTheFix(String value, boolean accepted) {
        Map<String, Object> parameter = template.parameterDefinitions().get("CaKmsKeyId");

        assertThat(parameter.get("AllowedPattern")).as("CaKmsKeyId needs an AllowedPattern").isNotNull();
        assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), value)).isEqualTo(accepted);
        assertThat(String.valueOf(parameter.get("ConstraintDescription"))).contains("key ARN", "describe-key");
    }
}
