package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmarks' names of AWS API calls, from what reaches the local endpoint. */
class ApiCallTest {

    @Test
    void of_whenEachAwsProtocol_namesServiceAndOperation() {
        String auth = "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/%s/aws4_request, SignedHeaders=host, Signature=0";
        byte[] none = new byte[0];

        assertThat(ApiCall.of("POST", "/", null, auth.formatted("ssm"), "AmazonSSM.GetParametersByPath", none).key())
                .isEqualTo("ssm GetParametersByPath");
        assertThat(ApiCall.of("POST", "/", null, auth.formatted("sts"), null,
                "Action=AssumeRole&Version=2011-06-15".getBytes(StandardCharsets.UTF_8)).key()).isEqualTo("sts AssumeRole");
        assertThat(ApiCall.of("GET", "/clusters/eks-1/addons/vpc-cni", null, auth.formatted("eks"), null, none).key())
                .isEqualTo("eks GET /clusters/*/addons/*");
        assertThat(ApiCall.of("GET", "/", null, null, null, none).key()).isEqualTo("unsigned GET /");
    }
}
