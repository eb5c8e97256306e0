package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end: the {@code crowd} scenario, six onboardings at once into an empty mesh. */
class CrowdScenarioTest {

    /**
     * Six onboardings at once into an empty mesh (issue 16: they used to hang the runner in six of eight runs). The
     * scenario has its own limit and names what was still running; this backstop only keeps a hang in the scenario's
     * own follow-up (reading the clusters) from hanging the build.
     */
    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void run_whenCrowd_everyOnboardingSucceedsUnderOneRootFullyMeshed() throws Exception {
        String output = runAndExpectEndState("crowd");

        assertThat(output).contains("eks-6 (ipv6)").doesNotContain("still running")
                .doesNotContain("Gateway:   ipv4");
    }
}
