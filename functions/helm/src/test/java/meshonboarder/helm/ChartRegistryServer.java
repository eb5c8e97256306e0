package meshonboarder.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server for chart repository tests: fixed answers per path, every request recorded. */
final class ChartRegistryServer implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    record Request(String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ChartRegistryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The answer to a path (with its query, if any). */
    ChartRegistryServer answer(String pathAndQuery, int status, Map<String, String> headers, byte[] body) {
        answers.put(pathAndQuery, new Answer(status, headers, body));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(path, authorization));
        Answer answer = answers.get(path);
        if (answer != null && answer.headers().containsKey("X-Require-Authorization")
                && !answer.headers().get("X-Require-Authorization").equals(authorization)) {
            answer = answers.get("401:" + exchange.getRequestURI().getRawPath());
        }
        if (answer == null) {
            answer = new Answer(404, Map.of(), new byte[0]);
        }
        answer.headers().forEach((k, v) -> {
            if (!k.startsWith("X-")) {
                exchange.getResponseHeaders().add(k, v);
            }
        });
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
