package meshonboarder.steps.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import meshonboarder.lambda.StepHandler;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the network steps: on the priming answers (EC2 knows no VPC, the mesh has no member yet) each
 * runs its whole request path, so that the snapshot holds EC2's client loaded; and it never throws.
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenGatherNetworkOrRecheckNetwork_runsThroughOnThePrimingAnswers() {
        var wiring = MotoServer.wiring(Map.of());
        for (StepHandler<?, ?> handler : List.<StepHandler<?, ?>>of(new GatherNetworkHandler(wiring),
                new RecheckNetworkHandler(wiring))) {
            assertThat(Priming.log(handler)).as(handler.getClass().getSimpleName()).contains(" primed in ")
                    .contains("(ran through)");
        }
    }
}
