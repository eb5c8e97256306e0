package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' count of Kubernetes API requests, read from the bytes a client sends through the TLS front. */
class RequestCounterTest {

    private final RequestCounter counter = new RequestCounter();

    private static void feed(RequestCounter.Connection connection, String text, int pieceSize) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += pieceSize) {
            connection.feed(bytes, i, Math.min(pieceSize, bytes.length - i));
        }
    }

    @Test
    void counts_whenKeepAliveRequestsWithBodies_countsEachRequestOnceWhateverTheBodyHolds() {
        String body = "{\"note\": \"GET /api/v1/secrets HTTP/1.1\"}\r\n\r\n";
        String requests = "GET /api/v1/namespaces/istio-system/secrets HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /api/v1/namespaces/istio-system/secrets HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body
                + "PATCH /apis/apps/v1/namespaces/kube-system/daemonsets/aws-node HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nGET /\r\n3;ext=1\r\nabc\r\n0\r\n\r\n"
                + "DELETE /api/v1/namespaces/istio-system/secrets/x HTTP/1.1\r\n\r\n";

        for (int pieceSize : new int[] {1, 7, 4096}) {
            RequestCounter fresh = new RequestCounter();
            feed(fresh.connection(), requests, pieceSize);
            assertThat(fresh.counts()).as("fed %d bytes at a time", pieceSize)
                    .isEqualTo(Map.of("GET", 1L, "POST", 1L, "PATCH", 1L, "DELETE", 1L));
        }
    }

    @Test
    void counts_whenConnectionUpgrades_countsTheUpgradeAndNothingAfterIt() {
        RequestCounter.Connection connection = counter.connection();
        feed(connection, "GET /api/v1/watch/secrets HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                + "GET / HTTP/1.1\r\n\r\n", 4096);

        assertThat(counter.counts()).isEqualTo(Map.of("GET", 1L));
    }

    @Test
    void counts_whenStreamCannotBeRead_stopsCountingThatConnectionWithoutFailing() {
        RequestCounter.Connection broken = counter.connection();
        feed(broken, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n", 4096);
        feed(counter.connection(), "GET /version HTTP/1.1\r\n\r\n", 4096);

        assertThat(counter.counts()).isEqualTo(Map.of("POST", 1L, "(unreadable)", 1L, "GET", 1L));
        assertThat(counter.total()).isEqualTo(3);
    }

    /** KubernetesIstiodViews' two reads, counted apart so that the benchmarks show what checking istiod costs. */
    @Test
    void counts_whenIstiodsViewIsRead_countsItsPodListAndMetricsApart() {
        feed(counter.connection(), "GET /api/v1/namespaces/istio-system/pods?labelSelector=app%3Distiod HTTP/1.1\r\n\r\n"
                + "GET /api/v1/namespaces/istio-system/pods/istiod-1:15014/proxy/metrics HTTP/1.1\r\n\r\n"
                + "GET /api/v1/namespaces/istio-system/secrets HTTP/1.1\r\n\r\n", 4096);

        assertThat(counter.counts()).isEqualTo(Map.of("GET (istiod view)", 2L, "GET", 1L));
        assertThat(SimulatedCluster.isRead("GET (istiod view)")).isTrue();
        assertThat(SimulatedCluster.isRead("PATCH")).isFalse();
    }
}
