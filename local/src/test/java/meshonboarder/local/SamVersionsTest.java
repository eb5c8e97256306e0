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

        Map<String, String> before = versions(template, Map.of());
        Map<String, String> after = versions(noTracing, Map.of());

        assertThat(before).hasSize(Template.read(ROOT.resolve("template.yaml"))
                .resources("AWS::Serverless::Function").size());
        assertThat(unchanged(before, after)).as("functions whose live alias keeps the old tracing").isEmpty();
        // without the flag, SAM would publish none of them
        String withoutFlag = template.replace("    AutoPublishAliasAllProperties: true\n", "");
        assertThat(unchanged(versions(withoutFlag, Map.of()), versions(withoutFlag.replace("    Tracing: Active\n",
                "    Tracing: PassThrough\n"), Map.of()))).containsExactlyElementsOf(new TreeSet<>(before.keySet()));
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
        Map<String, String> update = Map.of("LogLevel", "DEBUG", "SubnetIds", "subnet-1", "SecurityGroupIds", "sg-1");

        assertThat(versions(template, update)).isEqualTo(versions(template, Map.of()));
        String withoutFlag = template.replace("    AutoPublishAliasAllProperties: true\n", "");
        assertThat(versions(withoutFlag, update)).isEqualTo(versions(withoutFlag, Map.of()));

        JsonNode translated = translate(template, update);
        assertThat(translated.path("createOnly").toString()).contains("\"Description\"");
        translated.path("versions").properties().forEach(version -> assertThat(version.getValue().path("description"))
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

    /** {function: its version's logical id} as SAM's translator names them. */
    private static Map<String, String> versions(String template, Map<String, String> parameters)
            throws IOException, InterruptedException {
        Map<String, String> ids = new TreeMap<>();
        translate(template, parameters).path("versions").properties()
                .forEach(e -> ids.put(e.getKey(), e.getValue().path("logicalId").asText()));
        return ids;
    }

    private static JsonNode translate(String template, Map<String, String> parameters)
            throws IOException, InterruptedException {
        assumeTrue(python("import samtranslator, cfnlint"), "needs python3 with aws-sam-translator and cfn-lint");
        Path file = Files.createTempFile("template", ".yaml");
        try {
            Files.writeString(file, template);
            ProcessBuilder builder = new ProcessBuilder("python3", SCRIPT.toString(), file.toString(),
                    Json.MAPPER.writeValueAsString(parameters));
            builder.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
            Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("sam_versions.py").isZero();
            return Json.MAPPER.readTree(out);
        } finally {
            Files.delete(file);
        }
    }

    static boolean python(String code) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
