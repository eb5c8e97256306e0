package meshonboarder.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.kubernetes.ClusterConnector;
import meshonboarder.kubernetes.remote.ReaderIdentity;

/**
 * Stand-in Kubernetes API servers, one per cluster name: fabric8 mock servers in CRUD mode (objects are stored,
 * nothing acts on them: docs/design.md, "Stand-ins") over HTTPS on the loopback address, each with its own self-signed
 * certificate. {@link #connector()} is the {@link ClusterConnector} that steps under test are given.
 *
 * <p>Modules that use it add {@code io.fabric8:kubernetes-server-mock} as a test dependency (a test-jar brings
 * none of its own).
 */
public final class MockClusters implements AutoCloseable {

    private final Map<String, KubernetesMockServer> servers = new ConcurrentHashMap<>();

    /** Starts the cluster's API server, or returns the one already running. */
    public KubernetesMockServer start(String clusterName) {
        return servers.computeIfAbsent(clusterName, name -> {
            Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
            // Mixed: CRUD for every object, plus expectations a test may add (discovery documents, failures).
            KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                    new KubernetesMixedDispatcher(responses), true);
            server.start(InetAddress.getLoopbackAddress(), 0);
            return server;
        });
    }

    public KubernetesMockServer server(String clusterName) {
        KubernetesMockServer server = servers.get(clusterName);
        if (server == null) {
            throw new ClusterNotFound("No mock cluster named '" + clusterName + "' was started.");
        }
        return server;
    }

    public Set<String> names() {
        return Set.copyOf(servers.keySet());
    }

    /** The API endpoint as EKS gives it: {@code https://localhost:PORT}, no trailing slash. */
    public String endpoint(String clusterName) {
        String url = server(clusterName).url("/");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The server's certificate as EKS gives a cluster CA ({@code certificateAuthority.data}: base64 of PEM). */
    public String certificateAuthority(String clusterName) {
        try {
            Path pem = Path.of(server(clusterName).getSelfSignedCertificate().certificatePath());
            return Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of the cluster's server with the JDK HTTP client, as the functions use; the caller closes it. */
    public KubernetesClient client(String clusterName) {
        return server(clusterName).createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()));
    }

    /** The cluster's reader identity, with its token Secret filled as the token controller would. */
    public void readerReady(String clusterName) {
        try (KubernetesClient client = client(clusterName)) {
            new ReaderIdentity().ensure(client, clusterName);
            TokenController.fill(client, "istio-system", certificateAuthority(clusterName));
        }
    }

    /** Maps a cluster name to a client of its server (the region is ignored); unknown names are ClusterNotFound. */
    public ClusterConnector connector() {
        return (region, clusterName) -> client(clusterName);
    }

    @Override
    public void close() {
        servers.values().forEach(KubernetesMockServer::shutdown);
        servers.clear();
    }
}
