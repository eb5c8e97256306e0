package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Which stack updates publish a new version of the functions, as AWS SAM's own translator decides (run through
 * python, samtranslator and cfn-lint's YAML reader). The state machines call the {@code live} alias, and a published
 * version's configuration never changes (Lambda Developer Guide, "Manage Lambda function versions"): an update that
 * publishes no version does not reach the state machines.
 *
 * <p>With {@code AutoPublishAlias} alone SAM hashes only the code, Environment, MemorySize and SnapStart
 * (aws/serverless-application-model {@code samtranslator/model/sam_resources.py}, {@code _construct_version});
 * {@code AutoPublishAliasAllProperties: true} hashes every property. Either way it hashes the properties as written,
 * parameter references unresolved (aws/serverless-application-model issues 1640 and 3820): for a parameter-only
 * update, template.yaml replaces the versions through their Description instead. {@link FunctionVersions}, the local
 * runner's rule, is these two.
 */
class SamVersionsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Path SCRIPT = ROOT.resolve("local/src/test/resources/sam_versions.py");

    /** A template edit of a property outside the code and Environment (Timeout, Tracing, VpcConfig) publishes. */
    @Test
    void templateEdit_whenNotCodeOrEnvironment_publishesANewVersionOfEveryFunction() throws Exception {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        String noTracing = template.replace("    Tracing: Active\n", "    Tracing: PassThrough\n");
        assertThat(noTracing).isNotEqualTo(template);
        String withoutFlag = template.replace("    AutoPublishAliasAllProperties: true\n", "");

        List<Map<String, String>> v = versions(translate(List.of(template, noTracing, withoutFlag,
                withoutFlag.replace("    Tracing: Active\n", "    Tracing: PassThrough\n")), Map.of()));
        Map<String, String> before = v.get(0);

        assertThat(before).hasSize(Template.read(ROOT.resolve("template.yaml"))
                .resources("AWS::Serverless::Function").size());
        assertThat(unchanged(before, v.get(1))).as("functions whose live alias keeps the old tracing").isEmpty();
        // without the flag, SAM would publish none of them
        assertThat(unchanged(v.get(2), v.get(3))).containsExactlyElementsOf(new TreeSet<>(before.keySet()));
    }

    /**
     * A parameter-only update leaves every version's logical id as it was, with or without the flag: SAM hashes
     * {@code !Ref LogLevel}, not its value. What publishes then is the version's Description, a create-only property
     * of AWS::Lambda::Version in CloudFormation's resource schema (a new value replaces the version): template.yaml
     * gives each version its function's digest of FunctionConfigurations, which changes with the parameter values
     * the function reads ({@code FunctionVersionsTest}).
     */
    @Test
    void parameterOnlyUpdate_keepsTheLogicalIds_andReplacesTheVersionsThroughTheirDescription() throws Exception {
        String template = Files.readString(ROOT.resolve("template.yaml"));
        String withoutFlag = template.replace("    AutoPublishAliasAllProperties: true\n", "");
        Map<String, String> update = Map.of("LogLevel", "DEBUG", "SubnetIds", "subnet-1", "SecurityGroupIds", "sg-1");

        List<JsonNode> translated = translate(List.of(template, template, withoutFlag, withoutFlag),
                List.of(update, Map.of(), update, Map.of()));
        List<Map<String, String>> v = versions(translated);
        assertThat(v.get(0)).isEqualTo(v.get(1));
        assertThat(v.get(2)).isEqualTo(v.get(3));

        JsonNode updated = translated.get(0);
        assertThat(updated.path("createOnly").toString()).contains("\"Description\"");
        updated.path("versions").properties().forEach(version -> assertThat(version.getValue().path("description"))
                .as(version.getKey()).isEqualTo(Json.MAPPER.createObjectNode().set("Fn::GetAtt", Json.MAPPER
                        .createArrayNode().add(FunctionVersions.CONFIGURATIONS).add(version.getKey()))));
    }

    private static Set<String> unchanged(Map<String, String> before, Map<String, String> after) {
        Set<String> same = new TreeSet<>();
        before.forEach((function, version) -> {
            if (version.equals(after.get(function))) {
                same.add(function);
            }
        });
        return same;
    }

    /** For each translation, {function: its version's logical id} as SAM's translator names them. */
    private static List<Map<String, String>> versions(List<JsonNode> translated) {
        List<Map<String, String>> all = new ArrayList<>();
        for (JsonNode t : translated) {
            Map<String, String> ids = new TreeMap<>();
            t.path("versions").properties().forEach(e -> ids.put(e.getKey(), e.getValue().path("logicalId").asText()));
            all.add(ids);
        }
        return all;
    }

    private static List<JsonNode> translate(List<String> templates, Map<String, String> parameters)
            throws IOException, InterruptedException {
        return translate(templates, templates.stream().map(t -> parameters).toList());
    }

    /** Each template with its parameter values, through one python process (importing the translator is most of its time). */
    private static List<JsonNode> translate(List<String> templates, List<Map<String, String>> parameters)
            throws IOException, InterruptedException {
        assumeTrue(python("import samtranslator, cfnlint"), "needs python3 with aws-sam-translator and cfn-lint");
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < templates.size(); i++) {
                Path file = Files.createTempFile("template", ".yaml");
                files.add(file);
                Files.writeString(file, templates.get(i));
                command.add(file.toString());
                command.add(Json.MAPPER.writeValueAsString(parameters.get(i)));
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
            Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("sam_versions.py").isZero();
            List<JsonNode> translated = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                translated.add(Json.MAPPER.readTree(line));
            }
            assertThat(translated).hasSize(templates.size());
            return translated;
        } finally {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    static boolean python(String code) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
