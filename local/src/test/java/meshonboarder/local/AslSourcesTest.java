package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each checked-in {@code statemachine/*.asl.json} is what its {@code .asl.yaml} generates ({@link AslSources}). With
 * {@code -Dasl.write=true} the test writes them instead: {@link AslSources#REGENERATE}.
 */
class AslSourcesTest {

    private static final Path STATEMACHINE = Path.of(System.getProperty("project.root", "..")).resolve("statemachine");
    private static final Pattern RETRY = Pattern.compile("^\\s*Retry:(.*)$", Pattern.MULTILINE);

    @Test
    void checkedInDefinitions_whenGeneratedFromTheirSources_areTheSame() throws IOException {
        for (String machine : AslSources.MACHINES) {
            Path json = STATEMACHINE.resolve(machine + ".asl.json");
            String generated = AslSources.generate(STATEMACHINE, machine);
            if (Boolean.getBoolean("asl.write")) {
                Files.writeString(json, generated);
            }
            assertThat(Files.readString(json)).as("statemachine/" + machine + ".asl.json is not what statemachine/"
                    + machine + ".asl.yaml generates. Edit the YAML, then regenerate the JSON with: "
                    + AslSources.REGENERATE).isEqualTo(generated);
        }
    }

    /** The retry policies are written once, in retry.yaml: a source only names them. */
    @Test
    void sources_whenTheyRetry_nameAPolicyOfRetryYaml() throws IOException {
        List<String> policies = AslSources.shared(STATEMACHINE).keySet().stream().toList();
        assertThat(policies).containsExactly("x-lambda-retry", "x-lambda-retry-grant-access",
                "x-lambda-retry-after-grant-access",
                "x-service-integration-retry");
        for (String machine : AslSources.MACHINES) {
            var retries = RETRY.matcher(Files.readString(STATEMACHINE.resolve(machine + ".asl.yaml")));
            int count = 0;
            while (retries.find()) {
                count++;
                assertThat(retries.group(1).trim()).as(machine + ": " + retries.group())
                        .isIn("*LambdaRetry", "*LambdaRetryGrantAccess", "*LambdaRetryAfterGrantAccess",
                                "*ServiceIntegrationRetry");
            }
            assertThat(count).as(machine + " retries").isPositive();
        }
    }
}
