package meshonboarder.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.ChartNotFound;
import meshonboarder.errors.Transient;
import meshonboarder.istio.ChartRef;
import meshonboarder.istio.RegistryCredentials;

/**
 * Charts in an OCI registry ({@code oci://registry.istio.io/release/charts}, or a mirror in ECR), pulled the
 * way Helm pulls them: the manifest of tag {@code <version>} in repository {@code <path>/<chart>}, then its
 * Helm chart layer, checked against its digest. Pulled here rather than by Helm so that no registry login
 * state or cache directory is needed (Lambda's file system is read-only but for /tmp).
 *
 * <p>Authentication follows the registry's challenge: anonymous bearer tokens (public registries) or, with
 * credentials from {@link RegistryCredentials} (ECR), basic auth or credentialed bearer tokens. Blob
 * downloads often redirect to object storage; the redirect is followed without the registry's credentials.
 */
public final class OciChartRegistry implements ChartSource {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final String path;
    private final String scheme;
    private final ChartCache cache;
    private final HttpClient http;
    private final RegistryCredentials credentials;
    private final Map<String, String> authorizations = new HashMap<>();

    /**
     * @param location  {@code oci://host[:port]/path}
     * @param plainHttp talk HTTP instead of HTTPS (a local registry in tests)
     */
    public OciChartRegistry(String location, boolean plainHttp, Path cache, HttpClient http,
                            RegistryCredentials credentials) {
        String rest = location.substring("oci://".length());
        int slash = rest.indexOf('/');
        this.host = slash < 0 ? rest : rest.substring(0, slash);
        this.path = slash < 0 ? "" : rest.substring(slash + 1);
        this.scheme = plainHttp ? "http" : "https";
        this.cache = new ChartCache(cache);
        this.http = http;
        this.credentials = credentials;
    }

    /** Redirects are followed by hand: the registry's credentials must not travel to object storage. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Path fetch(ChartRef chart) {
        Optional<Path> cached = cache.find(chart);
        if (cached.isPresent()) {
            return cached.get();
        }
        String repository = path.isEmpty() ? chart.name() : path + "/" + chart.name();
        String where = "oci://" + host + "/" + repository + ":" + chart.version();
        HttpResponse<byte[]> manifest = send(repository, "/manifests/" + chart.version(), MANIFEST, where);
        if (manifest.statusCode() == 404) {
            throw new ChartNotFound("The registry has no chart " + where + ". Check IstioVersion, or mirror that "
                    + "version into the registry.");
        }
        expectOk(manifest, where);
        String digest = layer(manifest.body(), where);
        HttpResponse<byte[]> blob = send(repository, "/blobs/" + digest, "*/*", where);
        expectOk(blob, where);
        if (!digest.equalsIgnoreCase("sha256:" + HttpChartRepository.sha256(blob.body()))) {
            throw new ChartNotFound("The chart layer of " + where + " does not match its digest " + digest + ".");
        }
        return cache.keep(chart, blob.body());
    }

    private String layer(byte[] manifest, String where) {
        try {
            for (JsonNode layer : JSON.readTree(manifest).path("layers")) {
                if (CHART_LAYER.equals(layer.path("mediaType").asText())) {
                    return layer.path("digest").asText();
                }
            }
        } catch (IOException e) {
            throw new ChartNotFound("The manifest of " + where + " is not JSON.", e);
        }
        throw new ChartNotFound(where + " is not a Helm chart (no " + CHART_LAYER + " layer).");
    }

    /** A registry request, answering one authentication challenge and following redirects without credentials. */
    private HttpResponse<byte[]> send(String repository, String suffix, String accept, String where) {
        URI uri = URI.create(scheme + "://" + host + "/v2/" + repository + suffix);
        String scope = "repository:" + repository + ":pull";
        HttpResponse<byte[]> response = request(uri, accept, authorizations.get(scope));
        if (response.statusCode() == 401) {
            String authorization = authorize(response.headers().firstValue("WWW-Authenticate").orElse(""), scope, where);
            authorizations.put(scope, authorization);
            response = request(uri, accept, authorization);
        }
        for (int hops = 0; hops < 5 && isRedirect(response.statusCode()); hops++) {
            URI next = uri.resolve(response.headers().firstValue("Location").orElseThrow(() ->
                    new ChartNotFound("The registry redirected without a location while pulling " + where + ".")));
            response = request(next, accept, null);
        }
        return response;
    }

    private String authorize(String challenge, String scope, String where) {
        Optional<String> basic = credentials.basic(host);
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic.map(b -> "Basic " + b).orElseThrow(() -> new AccessDenied("The registry " + host
                    + " asks for credentials to pull " + where + " and mesh-onboarder has none for it."));
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new AccessDenied("The registry " + host + " asks for an unknown authentication ('" + challenge
                    + "') to pull " + where + ".");
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher m = PARAMETER.matcher(challenge);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw new AccessDenied("The registry " + host + " sent a bearer challenge without a realm.");
        }
        StringBuilder token = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?")
                .append("scope=").append(URLEncoder.encode(parameters.getOrDefault("scope", scope), StandardCharsets.UTF_8));
        if (parameters.containsKey("service")) {
            token.append("&service=").append(URLEncoder.encode(parameters.get("service"), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = request(URI.create(token.toString()), "application/json",
                basic.map(b -> "Basic " + b).orElse(null));
        if (response.statusCode() != 200) {
            throw new AccessDenied("The registry " + host + " refused a pull token for " + where + " (HTTP "
                    + response.statusCode() + ").");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String value = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            return "Bearer " + value;
        } catch (IOException e) {
            throw new AccessDenied("The registry " + host + " answered the token request with something not JSON.");
        }
    }

    private HttpResponse<byte[]> request(URI uri, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Transient("Could not reach the chart registry " + uri.getHost() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transient("Interrupted while pulling a chart from " + uri.getHost() + ".", e);
        }
    }

    private void expectOk(HttpResponse<byte[]> response, String where) {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new AccessDenied("The registry " + host + " refused to let mesh-onboarder pull " + where + " (HTTP "
                    + status + "); check the function's registry permissions.");
        }
        if (status >= 500 || status == 429) {
            throw new Transient("The registry " + host + " answered HTTP " + status + " while pulling " + where + ".");
        }
        throw new ChartNotFound("The registry " + host + " answered HTTP " + status + " while pulling " + where + ".");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
