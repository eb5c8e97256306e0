package meshonboarder.steps.istio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import meshonboarder.aws.Wiring;
import meshonboarder.lambda.StepHandler;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the Helm steps goes as far as Helm and no further: helm-java's native library starts a Go
 * runtime that every restored environment would share, so it is not loaded into a snapshot (docs/operations.md).
 * WaitIstioReady, which reads the cluster with fabric8 only, runs through.
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenHelmStep_stopsBeforeHelm() {
        Wiring wiring = MotoServer.wiring(Map.of());

        assertThat(primingLog(new InstallIstioHandler(wiring))).contains("InstallIstio primed in")
                .contains("stopped at IllegalStateException in HelmAccess");
        assertThat(primingLog(new RemoveIstioHandler(wiring))).contains("RemoveIstio primed in");
        assertThat(primingLog(new WaitIstioReadyHandler(wiring))).contains("(ran through)");
    }

    private static String primingLog(StepHandler<?, ?> handler) {
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
