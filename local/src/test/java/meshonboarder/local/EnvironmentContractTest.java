package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable a handler reads is set for its function in template.yaml (Globals included), and no
 * function is given a variable its handler does not read. What a handler reads comes from the sources
 * ({@link EnvironmentReads}), whichever module they sit in.
 */
class EnvironmentContractTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String FUNCTION = "AWS::Serverless::Function";

    /** Read by the code, set by Lambda itself (a reserved variable), never by the template. */
    private static final Set<String> SET_BY_LAMBDA = Set.of("AWS_REGION");
    /** Read by the code, deliberately not in the template: the SDK's endpoint override, for local runs only. */
    private static final Set<String> LOCAL_ONLY = Set.of("AWS_ENDPOINT_URL");
    /** Set by the template, read by the JVM rather than by our code. */
    private static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

    private final Template template = Template.read(ROOT.resolve("template.yaml"));
    private final EnvironmentReads sources = EnvironmentReads.scan(ROOT.resolve("functions"));

    @Test
    void functions_whenTheirHandlerReadsAVariable_areGivenIt() {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (String function : template.resources(FUNCTION).keySet()) {
            Set<String> notSet = new TreeSet<>(reads(function));
            notSet.removeAll(template.environment(function).keySet());
            notSet.removeAll(SET_BY_LAMBDA);
            notSet.removeAll(LOCAL_ONLY);
            if (!notSet.isEmpty()) {
                missing.put(function + " (" + handler(function) + ")", notSet);
            }
        }
        assertThat(missing).as("variables a handler reads that template.yaml does not set for its function").isEmpty();
    }

    @Test
    void functions_whenGivenAVariable_haveAHandlerThatReadsIt() {
        Map<String, Set<String>> unread = new TreeMap<>();
        for (String function : template.resources(FUNCTION).keySet()) {
            Set<String> given = new TreeSet<>(template.environment(function).keySet());
            given.removeAll(reads(function));
            given.removeAll(READ_BY_THE_JVM);
            if (!given.isEmpty()) {
                unread.put(function + " (" + handler(function) + ")", given);
            }
        }
        assertThat(unread).as("variables template.yaml gives a function (its own Environment or Globals) that its "
                + "handler never reads").isEmpty();
    }

    @Test
    void handlers_whenNamedInTemplate_haveSourcesToScan() {
        for (String function : template.resources(FUNCTION).keySet()) {
            assertThat(sources.contains(handler(function))).as(handler(function)).isTrue();
            // a handler always reads its region: an empty result would mean the scan found nothing
            assertThat(reads(function)).as(function).contains("AWS_REGION");
        }
    }

    private Set<String> reads(String function) {
        return sources.readBy(handler(function));
    }

    private String handler(String function) {
        String handler = template.properties(function).get("Handler").toString();
        return handler.substring(0, handler.indexOf("::"));
    }
}
