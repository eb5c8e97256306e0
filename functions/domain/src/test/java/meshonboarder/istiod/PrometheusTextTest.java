package meshonboarder.istiod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format). */
class PrometheusTextTest {

    @Test
    void parse_whenIstiodsGauge_readsEverySample() {
        PrometheusText.Exposition metrics = PrometheusText.parse("""
                # HELP istiod_remote_cluster_sync_status Current synchronization state of remote clusters managed by istiod.
                # TYPE istiod_remote_cluster_sync_status gauge
                istiod_remote_cluster_sync_status{cluster="eks-2",cluster_type="remote",status="synced"} 1
                istiod_remote_cluster_sync_status{cluster="eks-2",cluster_type="remote",status="timeout"} 0
                # a plain comment
                istiod_managed_clusters{cluster_type="remote"} 1
                """);

        assertThat(metrics.samples()).hasSize(3);
        assertThat(metrics.types()).containsEntry("istiod_remote_cluster_sync_status", "gauge");
        assertThat(metrics.help().get("istiod_remote_cluster_sync_status")).startsWith("Current synchronization");
        assertThat(metrics.samples("istiod_remote_cluster_sync_status").get(0).labels())
                .containsExactly(Map.entry("cluster", "eks-2"), Map.entry("cluster_type", "remote"), Map.entry("status", "synced"));
    }

    /** One line each: the sample as read, written back as name|labels|value|timestamp. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "up 1;                                         up|{}|1.0|null",
        "up 1 1712345678901;                           up|{}|1.0|1712345678901",
        "  up\t2.5e3  ;                                up|{}|2500.0|null",
        "x{} NaN;                                      x|{}|NaN|null",
        "x +Inf;                                       x|{}|Infinity|null",
        "x -Inf;                                       x|{}|-Infinity|null",
        "x{a=\"1\",} 0;                                x|{a=1}|0.0|null",
        "x{ a = \"1\" , b=\"2\" } 0;                   x|{a=1, b=2}|0.0|null",
        "`x{a=\"q\\\"uote\"} 0`;                       `x|{a=q\"uote}|0.0|null`",
        "`x{a=\"back\\\\slash\"} 0`;                   `x|{a=back\\slash}|0.0|null`",
        "`x{a=\"new\\nline\"} 0`;                      `x|{a=new\nline}|0.0|null`",
        "`x{a=\"keeps\\tunknown\"} 0`;                 `x|{a=keeps\\tunknown}|0.0|null`",
        "`x{a=\"a,b}c\"} 0`;                           `x|{a=a,b}c}|0.0|null`",
        "ns:sub_total{le=\"0.5\"} -1;                  ns:sub_total|{le=0.5}|-1.0|null",
    })
    void parse_whenValidLine_readsIt(String line, String expected) {
        PrometheusText.Sample s = PrometheusText.parse(line).samples().get(0);

        String labels = s.labels().toString();
        assertThat(s.name() + "|" + labels + "|" + s.value() + "|" + s.timestampMs())
                .isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void parse_whenHelpHasEscapes_unescapesThem() {
        assertThat(PrometheusText.parse("# HELP x a \\\\ b \\n c \\\"\n").help().get("x")).isEqualTo("a \\ b \n c \\\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "1up 1;                   invalid metric name",
        "up;                      unexpected end of line",
        "up one;                  invalid value",
        "up 1 later;              invalid timestamp",
        "up 1 2 3;                unexpected text after the timestamp",
        "`x{a=\"1} 0`;            an unterminated label value",
        "`x{a=1} 0`;              expected \"",
        "`x{a=\"1\" b=\"2\"} 0`;  expected , or }",
        "`x{a=\"1\",a=\"2\"} 0`;  label a twice",
        "`x{1a=\"1\"} 0`;         invalid label name",
        "# TYPE x meter;          unknown metric type",
        "`# TYPE x gauge\n# TYPE x gauge`; second TYPE line",
    })
    void parse_whenLineBreaksTheFormat_failsNamingTheLine(String text, String message) {
        assertThatThrownBy(() -> PrometheusText.parse(text.replace("\\n", "\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics line").hasMessageContaining(message);
    }
}
