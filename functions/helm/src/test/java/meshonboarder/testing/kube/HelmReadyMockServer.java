package meshonboarder.testing.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * A fabric8 mock API server (CRUD mode) that Helm can install charts into: a stand-in cluster for tests and,
 * later, for the local runner. Self-contained on purpose (fabric8's mock server, Jackson and
 * client-java-proto only), so the local runner can start one per stand-in cluster as it is.
 *
 * <p>What Helm needs beyond fabric8's CRUD dispatcher (docs/design.md, "Helm against a mock API server", in the order it fails without it):
 * <ol>
 *   <li>{@code /version}, also with a query string ({@code /version?timeout=32s});</li>
 *   <li>discovery documents for every kind the charts create ({@link ApiDiscovery}), including the custom
 *       resources of CRDs that a chart has installed;</li>
 *   <li>(Helm's side: OpenAPI validation off, and the namespace made before Helm runs);</li>
 *   <li>{@code Content-Type: application/json} on every response: Helm asks for protobuf first and reads an
 *       untyped response as protobuf;</li>
 *   <li>protobuf request bodies (Helm's release Secrets) turned into JSON ({@link ProtobufJson});</li>
 *   <li>list responses that name their kind ({@code SecretList}, not {@code List}): Helm reads a {@code List}
 *       of Secrets as empty, and the next upgrade fails with "has no deployed releases";</li>
 *   <li>strategic merge patches, which Helm's upgrades send and the CRUD dispatcher refuses (415), applied
 *       here and stored as a replacement ({@link StrategicMerge}).</li>
 * </ol>
 * Nothing acts on the stored objects (no controllers): tests set statuses themselves.
 */
public final class HelmReadyMockServer implements AutoCloseable {

    /** Held so that the level sticks: the mock server logs every request at INFO through java.util.logging. */
    private static final Logger REQUEST_LOG = quiet(MockWebServer.class.getName());

    private final KubernetesMockServer server;

    private HelmReadyMockServer(KubernetesMockServer server) {
        this.server = server;
    }

    /** Starts a server on a free local port, over plain HTTP, that accepts every bearer token. */
    public static HelmReadyMockServer start() {
        return start(token -> true);
    }

    /**
     * As {@link #start()}, but answering 401 to a request whose bearer token {@code tokenAccepted} refuses, as an
     * API server does with the token of a deleted service-account token Secret ({@code --service-account-lookup},
     * on by default: "tokens which are deleted from the API will be revoked",
     * https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens).
     */
    public static HelmReadyMockServer start(Predicate<String> tokenAccepted) {
        return start(tokenAccepted, (namespace, pod, port, path) -> Optional.empty());
    }

    /**
     * As {@link #start(Predicate)}, with the API server's pod proxy ({@code GET
     * /api/v1/namespaces/<ns>/pods/<pod>[:<port>]/proxy/<path>}) answered by {@code pods}: 404 when the Pod object
     * does not exist, 503 when nothing listens on the port (an API server answers "error trying to reach service").
     */
    public static HelmReadyMockServer start(Predicate<String> tokenAccepted, PodProxy pods) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new HelmReadyDispatcher(new KubernetesCrudDispatcher(), tokenAccepted, pods), false);
        server.init();
        return new HelmReadyMockServer(server);
    }

    /** A new client of this server (token auth, the server's URL); the caller closes it. */
    public KubernetesClient client() {
        return server.createClient();
    }

    public String url() {
        return server.url("/");
    }

    /** A kubeconfig of this server with a bearer token, as Helm is handed one (in memory). */
    public String kubeconfig(String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: %s
                """.formatted(url().replaceAll("/+$", ""), token);
    }

    @Override
    public void close() {
        server.destroy();
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** What a pod's container serves, as the API server's pod proxy reaches it. */
    @FunctionalInterface
    public interface PodProxy {

        /** The text body the pod answers a GET of {@code path} on {@code port} with, or empty when nothing listens. */
        Optional<String> get(String namespace, String pod, String port, String path);
    }

    /** Adds what Helm needs in front of the CRUD dispatcher. */
    static final class HelmReadyDispatcher extends Dispatcher {

        private static final ObjectMapper MAPPER = new ObjectMapper();
        private static final String VERSION = """
                {"major":"1","minor":"33","gitVersion":"v1.33.0","gitCommit":"mock","gitTreeState":"clean",\
                "buildDate":"2025-04-23T00:00:00Z","goVersion":"go1.24.2","compiler":"gc","platform":"linux/amd64"}""";
        private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

        private final KubernetesCrudDispatcher crud;
        private static final Pattern POD_PROXY = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/:]+)(?::([^/]+))?/proxy(/.*)?");

        private final Predicate<String> tokenAccepted;
        private final PodProxy pods;

        HelmReadyDispatcher(KubernetesCrudDispatcher crud) {
            this(crud, token -> true, (namespace, pod, port, path) -> Optional.empty());
        }

        HelmReadyDispatcher(KubernetesCrudDispatcher crud, Predicate<String> tokenAccepted, PodProxy pods) {
            this.crud = crud;
            this.tokenAccepted = tokenAccepted;
            this.pods = pods;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            MockResponse response;
            try {
                response = route(request);
            } catch (RuntimeException e) {
                response = status(HttpURLConnection.HTTP_INTERNAL_ERROR, "mock server: " + e.getMessage());
            }
            return response.header("Content-Type") != null ? response : response.setHeader("Content-Type", "application/json");
        }

        private MockResponse proxy(Matcher target) {
            String pod = "/api/v1/namespaces/" + target.group(1) + "/pods/" + target.group(2);
            if (crud.handleGet(pod).code() != HttpURLConnection.HTTP_OK) {
                return status(HttpURLConnection.HTTP_NOT_FOUND, "pods \"" + target.group(2) + "\" not found");
            }
            String port = target.group(3) == null ? "80" : target.group(3);
            return pods.get(target.group(1), target.group(2), port, target.group(4) == null ? "/" : target.group(4))
                    .map(body -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                            .setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").setBody(body))
                    .orElseGet(() -> status(HttpURLConnection.HTTP_UNAVAILABLE, "error trying to reach service: dial tcp: connect: connection refused"));
        }

        private MockResponse route(RecordedRequest request) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")
                    && !tokenAccepted.test(authorization.substring("Bearer ".length()).trim())) {
                return status(HttpURLConnection.HTTP_UNAUTHORIZED, "Unauthorized");
            }
            String path = request.getPath();
            boolean get = "GET".equalsIgnoreCase(request.getMethod());
            Matcher proxied = POD_PROXY.matcher(bare(path));
            if (get && proxied.matches()) {
                return proxy(proxied);
            }
            if (get && bare(path).equals("/version")) {
                return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(VERSION);
            }
            if (get && ApiDiscovery.isDiscoveryPath(path)) {
                return discovery().document(path)
                        .map(doc -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(doc.toString()))
                        .orElseGet(() -> status(HttpURLConnection.HTTP_NOT_FOUND, "the server could not find the requested resource"));
            }
            if (get && bare(path).startsWith("/openapi")) {
                return status(HttpURLConnection.HTTP_NOT_FOUND, "no OpenAPI documents in the mock server");
            }
            RecordedRequest json = asJson(request);
            if ("PATCH".equalsIgnoreCase(json.getMethod()) && StrategicMerge.isStrategicMerge(json.getHeader("Content-Type"))) {
                return strategicMerge(json);
            }
            boolean create = "POST".equalsIgnoreCase(json.getMethod());
            byte[] sent = create ? json.getBody().getBytes() : null;
            MockResponse response = crud.dispatch(create ? rewrite(json, HttpMethod.POST,
                    new String(sent, StandardCharsets.UTF_8)) : json);
            if (create && response.code() == HttpURLConnection.HTTP_CONFLICT) {
                return alreadyExists(path, read(sent).path("metadata").path("name").asText());
            }
            return get ? withListKind(path, response) : response;
        }

        /**
         * fabric8 refuses a create of an existing object with reason {@code Invalid}; a real API server says
         * {@code AlreadyExists} ({@code NewAlreadyExists} in k8s.io/apimachinery/pkg/api/errors/errors.go), and Helm
         * reads that reason: two upgrades of one release at once make the second's revision Secret exist already,
         * which Helm reports as {@code release: already exists} (helm/helm pkg/storage/driver/secrets.go, Create).
         */
        private static MockResponse alreadyExists(String path, String name) {
            String collection = bare(path);
            String resource = collection.substring(collection.lastIndexOf('/') + 1);
            ObjectNode status = MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                    .put("status", "Failure").put("message", resource + " \"" + name + "\" already exists")
                    .put("reason", "AlreadyExists").put("code", HttpURLConnection.HTTP_CONFLICT);
            status.putObject("details").put("name", name).put("kind", resource);
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_CONFLICT).setBody(status.toString());
        }

        private ApiDiscovery discovery() {
            return ApiDiscovery.with(read(crud.handleGet(CRDS)).path("items"));
        }

        /** Protobuf bodies become JSON; every other request passes unchanged. */
        private static RecordedRequest asJson(RecordedRequest request) {
            if (!ProtobufJson.isProtobuf(request.getHeader("Content-Type")) || "DELETE".equalsIgnoreCase(request.getMethod())) {
                return request;
            }
            ObjectNode object = ProtobufJson.toJson(request.getBody().getBytes());
            return rewrite(request, HttpMethod.valueOf(request.getMethod().toUpperCase()), object.toString());
        }

        /** Applies the patch to the stored object and stores the result as a replacement (PUT). */
        private MockResponse strategicMerge(RecordedRequest request) {
            String path = request.getPath();
            MockResponse current = crud.handleGet(bare(path));
            if (current.code() != HttpURLConnection.HTTP_OK) {
                return current;
            }
            JsonNode patch = read(request.getBody().getBytes());
            JsonNode merged = StrategicMerge.apply(read(current), patch);
            return crud.dispatch(rewrite(request, HttpMethod.PUT, merged.toString()));
        }

        /** fabric8 answers every collection as {@code "kind": "List"}; a real server names the list's kind. */
        private MockResponse withListKind(String path, MockResponse response) {
            if (response.code() != HttpURLConnection.HTTP_OK) {
                return response;
            }
            Optional<ApiDiscovery.Resource> resource = discovery().collection(path);
            if (resource.isEmpty()) {
                return response;
            }
            JsonNode body = read(response);
            if (!(body instanceof ObjectNode list) || !"List".equals(list.path("kind").asText())) {
                return response;
            }
            list.put("kind", resource.get().kind() + "List").put("apiVersion", resource.get().groupVersion());
            return response.setBody(list.toString());
        }

        private static RecordedRequest rewrite(RecordedRequest request, HttpMethod method, String json) {
            Headers headers = Headers.builder().add("Content-Type", "application/json").build();
            return new RecordedRequest(request.getHttpVersion(), method, request.getPath(), headers,
                    new Buffer(json.getBytes(StandardCharsets.UTF_8)));
        }

        private static MockResponse status(int code, String message) {
            ObjectNode status = MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                    .put("status", "Failure").put("message", message).put("code", code);
            if (code == HttpURLConnection.HTTP_NOT_FOUND) {
                status.put("reason", "NotFound");
            }
            return new MockResponse().setResponseCode(code).setBody(status.toString());
        }

        private static JsonNode read(MockResponse response) {
            return read(response.getBody() == null ? new byte[0] : response.getBody().getBytes());
        }

        private static JsonNode read(byte[] bytes) {
            try {
                return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String bare(String path) {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }
}
