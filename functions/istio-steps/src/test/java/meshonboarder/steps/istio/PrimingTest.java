package meshonboarder.steps.istio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.aws.Wiring;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the Helm steps goes as far as Helm and no further: helm-java's native library starts a Go
 * runtime that every restored environment would share, so it is not loaded into a snapshot (docs/operations.md).
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenHelmStep_stopsBeforeHelm() {
        Wiring wiring = MotoServer.wiring(Map.of());

        assertThat(Priming.log(new InstallIstioHandler(wiring))).contains("InstallIstio primed in")
                .contains("stopped at IllegalStateException in HelmJavaAccess");
        assertThat(Priming.log(new RemoveIstioHandler(wiring))).contains("RemoveIstio primed in");
        assertThat(Priming.log(new FollowGatewayHandler(wiring))).contains("FollowGateway primed in");
    }
}
