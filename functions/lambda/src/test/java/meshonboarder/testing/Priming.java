package meshonboarder.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import meshonboarder.lambda.StepHandler;

/** Runs a handler's SnapStart priming and returns what it logged (log4j2.xml's appender writes to stdout here). */
public final class Priming {

    private Priming() {
    }

    public static String log(StepHandler<?, ?> handler) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            handler.beforeCheckpoint(null);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
