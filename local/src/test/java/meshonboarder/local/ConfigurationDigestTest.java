package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The inline code of template.yaml's ConfigurationDigestFunction, run with python as Lambda would run it for
 * CloudFormation's requests (its {@code cfnresponse} module replaced by one that prints the response), on
 * FunctionConfigurations' properties as CloudFormation resolves them: one digest per function, which changes with
 * the values that function reads and only with them.
 */
class ConfigurationDigestTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Template TEMPLATE = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void create_answersADigestPerFunction_thatChangesOnlyWithWhatTheFunctionReads() throws Exception {
        JsonNode before = respond("Create", TEMPLATE);
        JsonNode istio = respond("Update", TEMPLATE.withParameters(Map.of("IstioVersion", "1.31.0")));
        JsonNode logLevel = respond("Update", TEMPLATE.withParameters(Map.of("LogLevel", "DEBUG")));

        assertThat(before.path("status").asText()).isEqualTo("SUCCESS");
        Set<String> functions = TEMPLATE.resources("AWS::Serverless::Function").keySet();
        assertThat(fields(before.path("data"))).isEqualTo(new TreeSet<>(functions));
        before.path("data").forEach(d -> assertThat(d.asText()).matches("configuration [0-9a-f]{16}"));
        assertThat(changed(before, istio)).containsExactly("CheckIstioFunction", "InstallIstioFunction", "ResolveFunction");
        assertThat(changed(before, logLevel)).isEqualTo(new TreeSet<>(functions));
    }

    /** A stack deletion must be answered too, or CloudFormation waits for the custom resource for an hour. */
    @Test
    void delete_answersSuccess() throws Exception {
        assertThat(respond("Delete", TEMPLATE).path("status").asText()).isEqualTo("SUCCESS");
    }

    private static Set<String> changed(JsonNode before, JsonNode after) {
        Set<String> changed = new TreeSet<>();
        before.path("data").properties().forEach(e -> {
            if (!e.getValue().equals(after.path("data").path(e.getKey()))) {
                changed.add(e.getKey());
            }
        });
        return changed;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode respond(String requestType, Template template) throws IOException, InterruptedException {
        assumeTrue(SamVersionsTest.python("import json"), "needs python3");
        Object properties = template.evaluate(template.properties(FunctionVersions.CONFIGURATIONS), template::localArn);
        String code = Template.map(template.properties("ConfigurationDigestFunction"), "Code").get("ZipFile").toString();
        Path dir = Files.createTempDirectory("digest");
        try {
            Files.writeString(dir.resolve("index.py"), code);
            Files.writeString(dir.resolve("cfnresponse.py"), """
                    import json
                    SUCCESS = "SUCCESS"
                    FAILED = "FAILED"
                    def send(event, context, status, data, physical_id=None, no_echo=False, reason=None):
                        print(json.dumps({"status": status, "data": data, "physicalId": physical_id}))
                    """);
            Files.writeString(dir.resolve("event.json"), Json.MAPPER.writeValueAsString(
                    Map.of("RequestType", requestType, "ResourceProperties", properties)));
            Process process = new ProcessBuilder("python3", "-B", "-c",
                    "import json, index; index.handler(json.load(open('event.json')), None)")
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).isZero();
            return Json.MAPPER.readTree(out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
