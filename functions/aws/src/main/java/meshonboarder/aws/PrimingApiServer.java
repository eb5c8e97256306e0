package meshonboarder.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Kubernetes API server of SnapStart priming: plain HTTP on the loopback, answering as an empty cluster would
 * (no object found, an empty list, a write echoed back). A Kubernetes step's priming then runs its client's whole
 * request path, response handling and (de)serialization included, instead of stopping at a refused connection.
 * It holds nothing but the requests of the priming itself, and {@link #close} stops it before the snapshot.
 */
final class PrimingApiServer implements AutoCloseable {

    private static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"NotFound\",\"code\":404}";
    private static final String EMPTY_LIST = "{\"kind\":\"List\",\"apiVersion\":\"v1\","
            + "\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";
    private static final String SUCCESS = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}";

    private final HttpServer server;

    PrimingApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] sent = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        int status;
        byte[] body;
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                boolean list = isCollection(path);
                status = list ? 200 : 404;
                body = (list ? EMPTY_LIST : NOT_FOUND).getBytes(StandardCharsets.UTF_8);
            }
            case "POST" -> {
                status = 201;
                body = sent;
            }
            case "PUT", "PATCH" -> {
                status = 200;
                body = sent;
            }
            case "DELETE" -> {
                status = 200;
                body = SUCCESS.getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                status = 405;
                body = NOT_FOUND.getBytes(StandardCharsets.UTF_8);
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Whether the path names a collection ({@code /api/v1/namespaces/x/secrets}) rather than one object
     * ({@code /api/v1/namespaces/x/secrets/cacerts}, {@code /api/v1/namespaces/x}).
     */
    static boolean isCollection(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        // after /api/<version> or /apis/<group>/<version>
        int start = parts.length > 0 && parts[0].equals("apis") ? 3 : 2;
        int rest = parts.length - start;
        if (rest > 0 && parts[start].equals("namespaces")) {
            return rest == 1 || rest == 3;
        }
        return rest == 1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
