package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** End to end: the {@code discovery} scenario (issue 24), clusters that join without their events. */
class DiscoveryScenarioTest {

    @Test
    void run_whenClustersPredateTheStackOrTheirEventsAreLost_everyTaggedClusterJoinsOnce() throws Exception {
        String output = runAndExpectEndState("discovery");

        assertThat(output).contains("rule StackDeployedRule starts ReconcileMeshStateMachine")
                .contains("eks-5 (ipv4)").doesNotContain("Gateway:   ipv4");
    }
}
