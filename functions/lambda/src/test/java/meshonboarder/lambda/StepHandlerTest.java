package meshonboarder.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import meshonboarder.errors.InvalidInput;
import meshonboarder.json.Json;
import meshonboarder.testing.Lambdas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The payload conventions of every task (executionArn beside the step's input, or the whole state as {@code state})
 * and the JSON log lines they give: log4j2.xml's Lambda appender writes to stdout outside Lambda, so the test reads
 * the lines there, as Lambda would receive them.
 */
class StepHandlerTest {

    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:Onboard:exec-1";

    /** Reads {@code {cluster: {clusterName}}} and logs one line the way the domain services do. */
    static final class ProbeHandler extends StepHandler<ProbeHandler.Input, ProbeHandler.Input> {

        record Input(@Required("the output of Resolve") JsonNode cluster, JsonNode probe) {
        }

        ProbeHandler() {
            super(Input.class);
        }

        @Override
        protected Input handle(Input input) {
            LoggerFactory.getLogger("meshonboarder.probe").info("probing {}", input.cluster().path("clusterName"));
            return input;
        }
    }

    /** Needs two fields, and counts its calls: a step whose input is incomplete must not run. */
    static final class PairHandler extends StepHandler<PairHandler.Input, String> {

        record Input(@Required("the output of Resolve") JsonNode cluster, String note,
                     @Required("one item of $.peers.peers") JsonNode peer) {
        }

        int calls;

        PairHandler() {
            super(Input.class);
        }

        @Override
        protected String handle(Input input) {
            calls++;
            return input.note();
        }
    }

    @Test
    void handleRequest_whenWholeStateWithExecutionArn_readsStateAndLogsJsonWithTheFields() {
        String payload = "{\"executionArn\":\"" + EXECUTION + "\",\"state\":{\"cluster\":{\"clusterName\":\"eks-1\","
                + "\"meshId\":\"mesh-a\"},\"ca\":{\"ready\":true}}}";

        List<JsonNode> lines = logLines(() -> {
            JsonNode output = Lambdas.invoke(new ProbeHandler(), payload);
            assertThat(output.path("cluster").path("clusterName").asText()).isEqualTo("eks-1");
        });

        assertThat(lines).hasSize(2); // the service's line and the step's "done" line
        for (JsonNode line : lines) {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("step").asText()).isEqualTo("Probe");
            assertThat(line.path("executionArn").asText()).isEqualTo(EXECUTION);
            assertThat(line.path("meshId").asText()).isEqualTo("mesh-a");
            assertThat(line.path("cluster").asText()).isEqualTo("eks-1");
        }
        assertThat(lines.get(0).path("message").asText()).isEqualTo("probing \"eks-1\"");
        assertThat(MDC.getCopyOfContextMap()).as("cleared for the next request").isNullOrEmpty();
    }

    @Test
    void handleRequest_whenFieldsBesideExecutionArn_readsThemAndNamesThePeer() {
        String payload = "{\"executionArn\":\"" + EXECUTION + "\",\"cluster\":{\"clusterName\":\"eks-2\",\"meshId\":\"m\"},"
                + "\"peer\":{\"clusterName\":\"eks-1\"}}";

        List<JsonNode> lines = logLines(() -> Lambdas.invoke(new ProbeHandler(), payload));

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("cluster").asText()).isEqualTo("eks-2");
            assertThat(line.path("peer").asText()).isEqualTo("eks-1");
            assertThat(line.path("executionArn").asText()).isEqualTo(EXECUTION);
        });
    }

    @Test
    void handleRequest_whenARepairOfOneSubject_logsTheSubjectAsTheCluster() {
        // RepairRemoteSecrets reads {subject, members, executionArn}: its lines name the subject and its mesh
        String payload = "{\"executionArn\":\"" + EXECUTION + "\",\"subject\":\"eks-3\","
                + "\"members\":[{\"clusterName\":\"eks-1\",\"meshId\":\"mesh-c\"}]}";

        // the probe needs a cluster: its refusal is logged with the context too
        List<JsonNode> lines = logLines(() -> assertThatThrownBy(() -> Lambdas.invoke(new ProbeHandler(), payload))
                .isInstanceOf(InvalidInput.class));

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("cluster").asText()).isEqualTo("eks-3");
            assertThat(line.path("meshId").asText()).isEqualTo("mesh-c");
        });
    }

    @Test
    void handleRequest_whenMeshWideStep_logsTheMeshWithoutACluster() {
        // the reconciler's steps name a mesh, not a cluster: CheckMembership reads {meshId}
        String payload = "{\"executionArn\":\"" + EXECUTION + "\",\"meshId\":\"mesh-b\"}";

        List<JsonNode> lines = logLines(() -> assertThatThrownBy(() -> Lambdas.invoke(new ProbeHandler(), payload))
                .isInstanceOf(InvalidInput.class));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("meshId").asText()).isEqualTo("mesh-b");
            assertThat(line.has("cluster")).isFalse();
        });
    }

    @Test
    void handleRequest_whenCloudTrailEvent_namesTheClusterOfTheRequest() {
        String payload = "{\"executionArn\":\"" + EXECUTION + "\",\"state\":{\"detail\":{\"requestParameters\":"
                + "{\"resourceArn\":\"arn:aws:eks:us-east-1:123456789012:cluster/eks-9\"}}}}";

        List<JsonNode> lines = logLines(() -> assertThatThrownBy(() -> Lambdas.invoke(new ProbeHandler(), payload))
                .isInstanceOf(InvalidInput.class));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("cluster").asText()).isEqualTo("eks-9");
            assertThat(line.path("message").asText()).isEqualTo("Probe failed with InvalidInput: Probe needs "
                    + "$.cluster (the output of Resolve). Its state machine passes it; when invoking the function by hand, "
                    + "put it in the input.");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"peer\": {}} | Pair needs $.cluster (the output of Resolve). Its state machine passes it; "
                    + "when invoking the function by hand, put it in the input.",
            "{\"cluster\": {}, \"peer\": null} | Pair needs $.peer (one item of $.peers.peers). Its state "
                    + "machine passes it; when invoking the function by hand, put it in the input.",
            "{\"note\": \"n\"} | Pair needs $.cluster (the output of Resolve) and $.peer (one item of "
                    + "$.peers.peers). Its state machine passes them; when invoking the function by hand, put them in "
                    + "the input.",
            "{\"executionArn\": \"x\", \"state\": {\"cluster\": null}} | Pair needs $.cluster (the output "
                    + "of Resolve) and $.peer (one item of $.peers.peers). Its state machine passes them; when "
                    + "invoking the function by hand, put them in the input.",
    })
    void handleRequest_whenARequiredFieldIsAbsentOrNull_failsNamingStepPathAndProducerBeforeHandling(
            String payload, String message) {
        PairHandler handler = new PairHandler();

        assertThatThrownBy(() -> Lambdas.invoke(handler, payload)).isInstanceOf(InvalidInput.class).hasMessage(message);
        assertThat(handler.calls).isZero();
    }

    @Test
    void handleRequest_whenOnlyOptionalFieldsAreAbsent_handles() {
        PairHandler handler = new PairHandler();

        assertThat(Lambdas.invoke(handler, "{\"cluster\": {}, \"peer\": {}}").isNull()).isTrue();
        assertThat(handler.calls).isOne();
    }

    @Test
    void handleRequest_whenARequiredFieldIsMissing_neverQuotesTheInput() {
        assertThatThrownBy(() -> Lambdas.invoke(new PairHandler(), "{\"note\": \"token-abc123\", \"peer\": "
                + "{\"kubeconfig\": \"secret-value\"}}"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageNotContaining("token-abc123")
                .hasMessageNotContaining("secret-value");
    }

    @Test
    void handleRequest_whenNotJson_failsWithInvalidInputWithoutQuotingIt() {
        assertThatThrownBy(() -> Lambdas.invoke(new ProbeHandler(), "{\"cluster\": secret-value"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("The step input is not valid JSON for Input")
                .hasMessageNotContaining("secret-value");
    }

    /** The JSON lines written to stdout while {@code action} runs. */
    private static List<JsonNode> logLines(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }
}
