package meshonboarder.local;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The state machines' sources, {@code statemachine/*.asl.yaml}, and the JSON they generate,
 * {@code statemachine/*.asl.json}, which template.yaml's {@code DefinitionUri} deploys and the local runner runs.
 * A source is read after {@code retry.yaml}, as one YAML document, so that its {@code Retry: *LambdaRetry} aliases
 * the one policy written there (YAML anchors do not cross files); the top-level {@code x-} keys that hold the
 * anchors stay out of the JSON. The JSON keeps the source's key order, two-space indented, one value a line: what
 * the console shows.
 */
final class AslSources {

    static final List<String> MACHINES = List.of("onboard-cluster", "offboard-cluster", "reconcile-mesh");
    static final String SHARED = "retry.yaml";
    /** The one command that writes every JSON from its source (the test that compares them, told to write). */
    static final String REGENERATE = "mvn -B -q -pl local -am test -Dtest=AslSourcesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dasl.write=true";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private AslSources() {
    }

    /** The definition {@code statemachine/<machine>.asl.yaml} generates, as its JSON file holds it. */
    static String generate(Path statemachine, String machine) {
        return json(definition(statemachine, machine));
    }

    /** The definition as a tree of maps and lists, the shared anchors resolved and left out. */
    static Map<String, Object> definition(Path statemachine, String machine) {
        String text = read(statemachine.resolve(SHARED)) + "\n" + read(statemachine.resolve(machine + ".asl.yaml"));
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(1_000); // one alias per Task: the default 50 is a guard for untrusted input
        Map<String, Object> document = new Yaml(new SafeConstructor(options)).load(text);
        document.keySet().removeIf(key -> key.startsWith("x-"));
        return document;
    }

    static Map<String, Object> shared(Path statemachine) {
        LoaderOptions options = new LoaderOptions();
        return new Yaml(new SafeConstructor(options)).load(read(statemachine.resolve(SHARED)));
    }

    static String json(Object definition) {
        try {
            return JSON.writer(PRINTER).writeValueAsString(definition) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
