package meshonboarder.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import meshonboarder.local.LocalRunner;

/**
 * Runs one scenario of the local runner on fresh stand-ins (moto, mock API servers), with the real state machines
 * and handlers, as {@code ./run-local --scenario <name>} does. A scenario checks its own expected end state; the
 * runner's exit code says whether it was reached, and its output shows why not.
 *
 * <p>Each scenario has its own test class so that surefire can spread them over its forks (local/pom.xml): they
 * are most of CI's time, and each mostly waits on its own stand-ins.
 */
final class ScenarioRun {

    private ScenarioRun() {
    }

    /** The runner's output, once the scenario reached its expected end state. */
    static String runAndExpectEndState(String scenario) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            exit = LocalRunner.run(new String[] {"--scenario", scenario}, out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Expected end state reached.");
        return output;
    }
}
