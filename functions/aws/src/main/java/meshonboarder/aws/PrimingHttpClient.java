package meshonboarder.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the priming clients ({@link AwsClients#priming}): it answers every request in-process, so
 * nothing reaches the network. By then the SDK has marshalled and signed the request; the answer is unmarshalled,
 * so the whole request path runs. STS answers AssumeRole with made-up, already expired credentials, EKS
 * DescribeCluster with a cluster at {@code https://127.0.0.1:9} (nothing listens there: a Kubernetes client's first
 * call is refused on the spot), every other call gets an empty JSON object.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] ASSUME_ROLE = resource("priming-assume-role.xml");
    private static final byte[] DESCRIBE_CLUSTER = resource("priming-describe-cluster.json");
    private static final byte[] EMPTY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String sent = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        sent = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
                // by what was sent, not by host: AWS_ENDPOINT_URL may point every client at one host
                boolean xml = sent.contains("Action=AssumeRole");
                byte[] body = xml ? ASSUME_ROLE
                        : request.httpRequest().method() == SdkHttpMethod.GET
                        && request.httpRequest().encodedPath().matches("/clusters/[^/]+") ? DESCRIBE_CLUSTER : EMPTY;
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", xml ? "text/xml" : "application/json")
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }

    private static byte[] resource(String name) {
        try (InputStream in = PrimingHttpClient.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
