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

    /** A run's lease is its own bookkeeping: named apart, so a healthy run's "writes nothing" can leave it out. */
    @Test
    void of_whenDynamoDbCallOnALeaseItem_namesItALeaseCall() {
        String auth = "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0";
        byte[] lease = "{\"TableName\":\"t\",\"Item\":{\"pk\":{\"S\":\"#lease\"},\"sk\":{\"S\":\"mesh1\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] member = "{\"TableName\":\"t\",\"Item\":{\"pk\":{\"S\":\"MESH#mesh1\"}}}".getBytes(StandardCharsets.UTF_8);

        assertThat(ApiCall.of("POST", "/", null, auth, "DynamoDB_20120810.PutItem", lease).key())
                .isEqualTo("dynamodb PutItem (lease)");
        assertThat(ApiCall.of("POST", "/", null, auth, "DynamoDB_20120810.PutItem", member).key())
                .isEqualTo("dynamodb PutItem");
    }
}
