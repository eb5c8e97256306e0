package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * End to end: the {@code accounts} scenario (issue 26), a mesh across two accounts and two regions, whose join policy
 * holds new members for a person's approval (the scenario's own checks: each waits at RequestApproval with nothing
 * written, a denial ends in ClusterNotApproved with nothing written).
 */
class AccountsScenarioTest {

    @Test
    void run_whenAMemberAccountForwardsItsClusterAndAnOutsiderTriesToo_meshesTheOneAndRefusesTheOther()
            throws Exception {
        String output = runAndExpectEndState("accounts");

        assertThat(output).contains("its CreateCluster is forwarded to the hub's bus (mesh name eks-2-")
                .contains("FAILED meshonboarder.errors.ClusterNotApproved")
                .contains("a person approves eks-2 (send-task-success)");
    }
}
