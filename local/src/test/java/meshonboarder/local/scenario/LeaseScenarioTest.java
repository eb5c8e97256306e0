package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** End to end: the {@code lease} scenario, one ReconcileMesh run per mesh at a time (issue 25, item 2). */
class LeaseScenarioTest {

    /**
     * Two runs started together, and a run started while the first waits for a slow istiod: each time one run upgrades
     * every member, one at a time, and the other ends ALREADY_RUNNING naming it, having called no step beyond the plan,
     * discovery and the lease. A stopped run's lease holds the mesh until it expires; then the next run takes it.
     */
    @Test
    void run_whenTwoReconcilesMeetOnOneMesh_oneWorksTheOtherEndsAlreadyRunning() throws Exception {
        String output = runAndExpectEndState("lease");

        assertThat(output).contains("two ReconcileMesh runs are started together for mesh1")
                .contains("a second run starts while the first waits for them")
                .contains("the first run goes on")
                .contains("two hours pass");
    }
}
