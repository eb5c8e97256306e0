package meshonboarder.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.errors.Transient;
import meshonboarder.istio.ChartRef;

/**
 * A classic Helm repository over HTTP(S): its {@code index.yaml} says where each chart version's archive is
 * and what its SHA-256 digest must be. Archives are downloaded by this class, not by Helm, so that nothing
 * needs Helm's cache and config directories (read-only in Lambda but for /tmp), and are kept in {@code cache}
 * for the warm invocations that follow.
 */
public final class HttpChartRepository implements ChartSource {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final URI repository;
    private final ChartCache cache;
    private final HttpClient http;

    public HttpChartRepository(String repository, Path cache, HttpClient http) {
        this.repository = URI.create(repository.endsWith("/") ? repository : repository + "/");
        this.cache = new ChartCache(cache);
        this.http = http;
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Path fetch(ChartRef chart) {
        Optional<Path> cached = cache.find(chart);
        if (cached.isPresent()) {
            return cached.get();
        }
        JsonNode entry = entry(chart);
        String url = entry.path("urls").path(0).asText("");
        if (url.isEmpty()) {
            throw new ChartNotFound("The Helm repository " + repository + " lists " + chart + " without a download URL.");
        }
        byte[] bytes = get(repository.resolve(url), "downloading chart " + chart);
        String digest = entry.path("digest").asText("");
        if (!digest.isEmpty() && !digest.equalsIgnoreCase(sha256(bytes))) {
            throw new ChartNotFound("The archive of " + chart + " from " + repository + " does not match the digest "
                    + "in the repository's index; the mirror is inconsistent.");
        }
        return cache.keep(chart, bytes);
    }

    private JsonNode entry(ChartRef chart) {
        JsonNode index;
        try {
            index = YAML.readTree(get(repository.resolve("index.yaml"), "reading the chart repository index"));
        } catch (IOException e) {
            throw new ChartNotFound("The index.yaml of the Helm repository " + repository + " is not valid YAML.", e);
        }
        JsonNode versions = index.path("entries").path(chart.name());
        for (JsonNode version : versions) {
            if (chart.version().equals(version.path("version").asText())) {
                return version;
            }
        }
        List<String> known = StreamSupport.stream(versions.spliterator(), false)
                .map(v -> v.path("version").asText()).limit(5).toList();
        throw new ChartNotFound("The Helm repository " + repository + " has no chart " + chart.name() + " version "
                + chart.version() + (known.isEmpty() ? " (nor any version of it)." : "; its latest are " + known + ".")
                + " Check IstioVersion, or mirror that version.");
    }

    private byte[] get(URI uri, String action) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                throw new ChartNotFound("Nothing at " + uri + " (HTTP 404) while " + action + ".");
            }
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw new Transient("The chart repository answered HTTP " + response.statusCode() + " while " + action
                        + " (" + uri + ").");
            }
            if (response.statusCode() != 200) {
                throw new ChartNotFound("The chart repository answered HTTP " + response.statusCode() + " while "
                        + action + " (" + uri + "); check ISTIO_CHART_REPOSITORY and the repository's access rules.");
            }
            return response.body();
        } catch (IOException e) {
            throw new Transient("Could not reach the chart repository while " + action + " (" + uri + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transient("Interrupted while " + action + ".", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
