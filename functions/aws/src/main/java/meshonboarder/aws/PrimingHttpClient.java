package meshonboarder.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the priming clients ({@link AwsClients#priming}): it answers every request in-process, so
 * nothing reaches the network. By then the SDK has marshalled and signed the request; the answer is unmarshalled,
 * so the whole request path runs. The answers are those of an account where the step has nothing yet, so that
 * priming goes as far down the step's path as it can:
 * <ul>
 *   <li>STS AssumeRole: made-up, already expired credentials;</li>
 *   <li>EKS DescribeCluster: a cluster whose API server is {@link PrimingApiServer}, started on first use, on the
 *       loopback; DescribeAddon: a vpc-cni add-on;</li>
 *   <li>EKS access entries: none yet, and CreateAccessEntry answers one;</li>
 *   <li>Secrets Manager: no secret yet (ResourceNotFoundException), and CreateSecret answers an ARN;</li>
 *   <li>SSM GetParameter: no parameter yet (ParameterNotFound);</li>
 *   <li>DynamoDB GetItem of the priming mesh's check item: RepairRemoteSecrets' priming subject, broken in one
 *   holder;</li>
 *   <li>EC2 (the query protocol): an empty answer of the action asked;</li>
 *   <li>every other call: an empty JSON object.</li>
 * </ul>
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] ASSUME_ROLE = resource("priming-assume-role.xml");
    private static final String DESCRIBE_CLUSTER = new String(resource("priming-describe-cluster.json"),
            StandardCharsets.UTF_8);
    private static final String DESCRIBE_ADDON = "{\"addon\": {\"addonName\": \"vpc-cni\", \"clusterName\": "
            + "\"priming\", \"status\": \"ACTIVE\", \"addonVersion\": \"v1.19.2-eksbuild.1\"}}";
    private static final String CREATE_SECRET = "{\"ARN\": \"arn:aws:secretsmanager:us-east-1:000000000000:secret:"
            + "priming-AbCdEf\", \"Name\": \"priming\"}";
    private static final String NO_SECRET = "{\"__type\": \"ResourceNotFoundException\", \"Message\": "
            + "\"Secrets Manager can't find the specified secret.\"}";
    private static final String NO_PARAMETER = "{\"__type\": \"ParameterNotFound\"}";
    private static final String NO_ACCESS_ENTRY = "{\"__type\": \"ResourceNotFoundException\", \"message\": "
            + "\"The specified principalArn could not be found.\"}";
    private static final String CREATE_ACCESS_ENTRY = "{\"accessEntry\": {\"accessEntryArn\": \"arn:aws:eks:us-east-1:"
            + "000000000000:access-entry/priming/role/000000000000/priming/0\", \"type\": \"STANDARD\"}}";
    // RepairRemoteSecrets' priming input (lambda's priming/RepairRemoteSecrets.json): its subject's check item
    private static final String PRIMING_CHECK = "\"#check#priming\"";
    private static final String CHECK_ITEM = "{\"Item\": {\"pk\": {\"S\": \"#check#priming\"}, \"sk\": {\"S\": "
            + "\"priming\"}, \"executionArn\": {\"S\": \"arn:aws:states:us-east-1:000000000000:execution:priming:"
            + "priming\"}, \"record\": {\"S\": \"{\\\"subject\\\": \\\"priming\\\", \\\"executionArn\\\": "
            + "\\\"arn:aws:states:us-east-1:000000000000:execution:priming:priming\\\", \\\"holdersByProblem\\\": "
            + "{\\\"MISSING\\\": [\\\"priming-peer\\\"]}}\"}}}";
    private static final String EMPTY = "{}";
    private static final Pattern QUERY_ACTION = Pattern.compile("(?:^|&)Action=(\\w+)");

    private PrimingApiServer apiServer;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String sent = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        sent = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                Answer answer = answer(request.httpRequest(), sent);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", answer.body().startsWith("<") ? "text/xml"
                                        : "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private record Answer(int status, String body) {
    }

    // by what was sent, not by host: AWS_ENDPOINT_URL may point every client at one host
    private Answer answer(SdkHttpRequest request, String sent) throws IOException {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        String path = request.encodedPath();
        Matcher query = QUERY_ACTION.matcher(sent);
        if (query.find()) {
            String action = query.group(1);
            return new Answer(200, action.equals("AssumeRole") ? new String(ASSUME_ROLE, StandardCharsets.UTF_8)
                    : "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"/>");
        }
        if (target.endsWith(".GetItem") && sent.contains(PRIMING_CHECK)) {
            return new Answer(200, CHECK_ITEM); // RepairRemoteSecrets' priming subject: on to its reader token
        }
        if (target.equals("AmazonSSM.GetParameter")) {
            return new Answer(400, NO_PARAMETER);
        }
        if (target.startsWith("secretsmanager.")) {
            return target.equals("secretsmanager.CreateSecret") ? new Answer(200, CREATE_SECRET)
                    : new Answer(400, NO_SECRET);
        }
        if (request.method() == SdkHttpMethod.GET && path.matches("/clusters/[^/]+")) {
            return new Answer(200, DESCRIBE_CLUSTER.replace("https://127.0.0.1:9", apiServer()));
        }
        if (request.method() == SdkHttpMethod.GET && path.matches("/clusters/[^/]+/addons/[^/]+")) {
            return new Answer(200, DESCRIBE_ADDON);
        }
        if (path.matches("/clusters/[^/]+/access-entries(/[^/]+)?")) {
            return request.method() == SdkHttpMethod.GET ? new Answer(404, NO_ACCESS_ENTRY)
                    : new Answer(200, CREATE_ACCESS_ENTRY);
        }
        return new Answer(200, EMPTY);
    }

    private synchronized String apiServer() throws IOException {
        if (apiServer == null) {
            apiServer = new PrimingApiServer();
        }
        return apiServer.endpoint();
    }

    /** Stops the priming API server, if one was started: nothing of it goes into the snapshot. */
    @Override
    public synchronized void close() {
        if (apiServer != null) {
            apiServer.close();
            apiServer = null;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PrimingHttpClient.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
