package meshonboarder.local.standin;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.json.Json;

/**
 * Lambda's Invoke API on this machine: {@code POST /2015-03-31/functions/{name}/invocations} runs our handler
 * in-process and answers as Lambda does (a handler's exception becomes {@code X-Amz-Function-Error} with
 * {@code errorType}, the exception's class name, and {@code errorMessage}). Every other request goes to moto
 * unchanged, so this one port serves the whole AWS API the state machines and handlers use.
 */
public final class LocalLambda implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    // Headers the JDK client sets itself and refuses to be given.
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpServer server;
    private final Map<String, RequestStreamHandler> functions = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile URI moto;
    private volatile Consumer<Invocation> listener = i -> { };
    private volatile Interleaving interleaving = FREE;
    private volatile EksFront eks;
    // every run: an eventually consistent DynamoDB read gets an answer up to a minute old
    private final DynamoFront dynamo = new DynamoFront(Duration.ofSeconds(60));
    // for the benchmarks: each function's last request body, and the API calls that reached this endpoint
    private final Map<String, byte[]> lastInputs = new ConcurrentHashMap<>();
    private final List<String> putEvents = new CopyOnWriteArrayList<>();
    private final List<String> putMetricData = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final FunctionLogs logs = FunctionLogs.attach();

    /** One finished invocation, for progress output and tests. */
    public record Invocation(String function, long millis, String errorType) {
    }

    /**
     * A test hook around every invocation, on the invoking thread, with the function's name and its request body.
     * {@code before} may block: that holds the invocation, as a slow Lambda would, so that a scenario can force one
     * interleaving of concurrent executions (see {@link HeldRegistration}). Real Lambda has no such hook.
     */
    public interface Interleaving {
        void before(String function, byte[] input) throws InterruptedException;

        void after(String function, byte[] input);
    }

    private static final Interleaving FREE = new Interleaving() {
        @Override
        public void before(String function, byte[] input) {
        }

        @Override
        public void after(String function, byte[] input) {
        }
    };

    public LocalLambda(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        // Unbounded on purpose: an Invoke holds its thread until the handler returns, and that handler's own AWS
        // calls come back through this endpoint. A fixed pool of N threads deadlocks once N invocations are in
        // flight (their calls wait in the queue behind them forever); real Lambda has no such ceiling. Idle
        // threads end after a minute.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-lambda");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public void forwardTo(URI motoEndpoint) {
        this.moto = motoEndpoint;
    }

    public void frontEks(EksFront front) {
        this.eks = front;
    }

    /** The stand-in DynamoDB in front of moto's: stale eventually consistent reads. */
    public DynamoFront dynamoFront() {
        return dynamo;
    }

    /** The stand-in EKS in front of moto's (the scenarios look at its access entries). */
    public EksFront eksFront() {
        return eks;
    }

    public void register(String functionName, RequestStreamHandler handler) {
        functions.put(functionName, handler);
    }

    public void onInvocation(Consumer<Invocation> listener) {
        this.listener = listener;
    }

    /** Puts the hook around every invocation from now on; null takes it away. */
    public void interleave(Interleaving hook) {
        this.interleaving = hook == null ? FREE : hook;
    }

    /** The body of the function's last invocation, or null: the benchmarks replay it in a fresh JVM. */
    public byte[] lastInput(String functionName) {
        byte[] input = lastInputs.get(functionName);
        return input == null ? null : input.clone();
    }

    /** The log lines the functions wrote so far, as Lambda receives them (JSON). */
    public List<String> logLines() {
        return logs.lines();
    }

    /**
     * How many AWS API calls reached this endpoint so far, by "service operation" ({@code ssm GetParameter}):
     * Lambda invocations (by the state machines) and every call forwarded to moto or answered by the EKS front (by
     * the handlers, and by whoever drives the controller, such as the runner's Step Functions calls).
     */
    public Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    /**
     * The bodies of the PutEvents requests (the Announce step's events, the reconcile's), in order: what
     * EventBridge would match against the template's rules.
     */
    public List<String> putEvents() {
        return List.copyOf(putEvents);
    }

    /**
     * The bodies of the PutMetricData requests (the state machines' metrics), in order, as the SDK integration sent
     * them: what CloudWatch would hold, for evaluating the template's alarms.
     */
    public List<String> putMetricData() {
        return List.copyOf(putMetricData);
    }

    private void count(ApiCall call) {
        calls.computeIfAbsent(call.key(), k -> new LongAdder()).increment();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if ("POST".equals(exchange.getRequestMethod()) && invoke.matches()) {
                invoke(exchange, functionName(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8)));
            } else {
                forward(exchange);
            }
        } catch (RuntimeException e) {
            byte[] body = ("{\"message\": \"local endpoint failed: " + e.getClass().getSimpleName() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Lambda accepts a name, a full ARN or a partial ARN, with or without a version or alias. */
    static String functionName(String reference) {
        String name = reference;
        if (name.contains(":function:")) {
            name = name.substring(name.indexOf(":function:") + ":function:".length());
        } else if (name.contains(":")) {
            name = name.substring(name.lastIndexOf(':', name.indexOf(':') + 1) + 1);
        }
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    private void invoke(HttpExchange exchange, String name) throws IOException {
        RequestStreamHandler handler = functions.get(name);
        byte[] input = exchange.getRequestBody().readAllBytes();
        count(new ApiCall("lambda", "Invoke"));
        if (handler == null) {
            byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("Type", "User", "message",
                    "Function not found: " + name));
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        lastInputs.put(name, input);
        Interleaving hook = interleaving;
        long start = System.nanoTime();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String errorType = null;
        byte[] body;
        try {
            hook.before(name, input);
            logs.during(() -> {
                handler.handleRequest(new ByteArrayInputStream(input), output, new LocalContext(name));
                return null;
            });
            body = output.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held before " + name, e);
        } catch (Exception e) {
            // what the Java runtime reports: the class name is the error Step Functions matches
            errorType = e.getClass().getName();
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.put("errorMessage", e.getMessage() == null ? errorType : e.getMessage());
            error.put("errorType", errorType);
            body = Json.MAPPER.writeValueAsBytes(error);
            exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        hook.after(name, input);
        listener.accept(new Invocation(name, (System.nanoTime() - start) / 1_000_000, errorType));
    }

    private void forward(HttpExchange exchange) throws IOException {
        if (moto == null) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        ApiCall call = ApiCall.of(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                body);
        count(call);
        if ("events PutEvents".equals(call.key())) {
            putEvents.add(new String(body, StandardCharsets.UTF_8));
        } else if ("monitoring PutMetricData".equals(call.key())) {
            putMetricData.add(new String(body, StandardCharsets.UTF_8));
        }
        EksFront front = eks;
        if (front != null) {
            EksFront.Reply reply = front.intercept(method, path, body);
            if (reply != null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (reply.errorType() != null) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType());
                }
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
                return;
            }
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean eventual = dynamo.eventuallyConsistent(target, body);
        byte[] stale = eventual ? dynamo.stale(target, body) : null;
        if (stale != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, stale.length);
            exchange.getResponseBody().write(stale);
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase()) && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] responseBody = front == null ? response.body()
                    : front.rewrite(method, path, response.statusCode(), response.body());
            if (eventual && response.statusCode() == 200) {
                dynamo.remember(target, body, responseBody);
            }
            exchange.sendResponseHeaders(response.statusCode(), responseBody.length == 0 ? -1 : responseBody.length);
            exchange.getResponseBody().write(responseBody);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
        logs.detach();
    }
}
