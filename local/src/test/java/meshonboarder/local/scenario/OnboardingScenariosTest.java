package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end: the onboarding and offboarding scenarios of the local runner (docs/local-runner.md). */
class OnboardingScenariosTest {

    @ParameterizedTest
    @ValueSource(strings = {"seed", "dual-stack", "single-network", "offboard", "bad-input"})
    void run_whenScenario_reachesItsExpectedEndState(String scenario) throws Exception {
        runAndExpectEndState(scenario);
    }
}
