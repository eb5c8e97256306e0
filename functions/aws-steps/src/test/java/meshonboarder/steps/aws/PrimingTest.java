package meshonboarder.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import meshonboarder.lambda.StepHandler;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the AWS-only steps: on the priming answers (an account where the step has nothing yet) each
 * runs its whole request path, so that the snapshot holds it loaded; and it never throws (a snapshot must be taken
 * whatever the answers lead to).
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenResolve_runsTheWholeRequestPath() {
        String log = Priming.log(new ResolveHandler(MotoServer.wiring(Map.of())));

        assertThat(log).contains("Resolve primed in").contains("(ran through)");
    }

    @Test
    void beforeCheckpoint_whenAnyAwsStep_runsThroughOnThePrimingAnswers() {
        var wiring = MotoServer.wiring(Map.of());
        for (StepHandler<?, ?> handler : List.<StepHandler<?, ?>>of(new WaitActiveHandler(wiring),
                new RegisterMemberHandler(wiring), new ListPeersHandler(wiring), new AnnounceHandler(wiring),
                new ResolveMemberHandler(wiring), new RetireMemberHandler(wiring))) {
            assertThat(Priming.log(handler)).as(handler.getClass().getSimpleName()).contains(" primed in ")
                    .contains("(ran through)");
        }
    }
}
