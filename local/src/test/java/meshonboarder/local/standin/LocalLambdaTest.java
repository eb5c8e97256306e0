package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local Invoke endpoint under load: as with moto's Step Functions, each invocation holds its request until the
 * handler returns, and the handler's own AWS calls come back through the same endpoint (forwarded to "moto", here a
 * stand-in that answers at once, as moto did while the runner hung: issue 16).
 */
class LocalLambdaTest {

    // three times the fixed pool of 16 threads the endpoint once had
    private static final int IN_FLIGHT = 48;
    private static final long LIMIT_SECONDS = 60;

    private HttpServer moto;
    private LocalLambda lambda;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(callers).build();

    @BeforeEach
    void start() throws Exception {
        moto = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        moto.setExecutor(callers);
        moto.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"Parameter\": {\"Value\": \"mesh1\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        moto.start();
        lambda = new LocalLambda(0);
        lambda.forwardTo(URI.create("http://127.0.0.1:" + moto.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        lambda.close();
        moto.stop(0);
        callers.shutdownNow();
    }

    @Test
    void invoke_whenMoreInFlightThanAnyPoolAndEachCallsBack_allComplete() throws Exception {
        CountDownLatch allRunning = new CountDownLatch(IN_FLIGHT);
        RequestStreamHandler handler = (in, out, context) -> {
            // every handler stays in flight until all are: only an endpoint that serves them all at once gets past
            allRunning.countDown();
            try {
                if (!allRunning.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("only " + (IN_FLIGHT - allRunning.getCount()) + " of " + IN_FLIGHT
                            + " invocations ran at once");
                }
                HttpResponse<byte[]> call = http.send(HttpRequest.newBuilder(lambda.endpoint().resolve("/"))
                        .header("X-Amz-Target", "AmazonSSM.GetParameter")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\": \"/mesh\"}")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                out.write(call.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        lambda.register("Step", handler);

        List<CompletableFuture<HttpResponse<String>>> invocations = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            invocations.add(http.sendAsync(HttpRequest.newBuilder(lambda.endpoint()
                            .resolve("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3AStep/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        try {
            CompletableFuture.allOf(invocations.toArray(CompletableFuture[]::new)).get(2 * LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(invocations.stream().filter(f -> !f.isDone()).count() + " of " + IN_FLIGHT + " invocations had not "
                    + "returned after " + 2 * LIMIT_SECONDS + " s: the endpoint's threads are held by invocations "
                    + "whose own calls wait behind them");
        }

        for (CompletableFuture<HttpResponse<String>> invocation : invocations) {
            HttpResponse<String> response = invocation.get();
            assertThat(response.headers().firstValue("X-Amz-Function-Error")).as(response.body()).isEmpty();
            assertThat(response.body()).isEqualTo("{\"Parameter\": {\"Value\": \"mesh1\"}}");
        }
        assertThat(lambda.calls()).containsEntry("lambda Invoke", (long) IN_FLIGHT)
                .containsEntry("unsigned GetParameter", (long) IN_FLIGHT);
    }

    @Test
    void functionName_whenNamedByArnOrPartialArn_findsTheFunction() {
        assertThat(List.of(LocalLambda.functionName("arn:aws:lambda:us-east-1:123456789012:function:ResolveFunction:live"),
                LocalLambda.functionName("123456789012:function:ResolveFunction"),
                LocalLambda.functionName("ResolveFunction"))).containsOnly("ResolveFunction");
    }
}
