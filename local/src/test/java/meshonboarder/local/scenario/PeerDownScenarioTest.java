package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** End to end: the {@code peer-down} scenario (issue 25: no peer is a single point of failure). */
class PeerDownScenarioTest {

    /**
     * A mesh of six, both families; eks-2 unreachable while eks-7 joins: the onboarding ends PEERS_UNREACHED with the
     * five reachable peers meshed (the scenario checks each, the records, and which gateways were visited), and the
     * reconcile started by its announcement completes the mesh once eks-2 is back.
     */
    @Test
    void run_whenAPeerIsDownWhileAClusterJoinsAMeshOfBothFamilies_meshesEveryReachablePeerThenTheRest() throws Exception {
        String output = runAndExpectEndState("peer-down");

        assertThat(output)
                .contains("eks-2's API server refuses mesh-onboarder (its access entry is gone); then eks-7 is created "
                        + "with the mesh tag")
                .contains("the exchange with eks-2 failed 1 time with meshonboarder.errors.AccessDenied")
                .contains("eks-2 answers again; the onboarding's announcement goes to EventBridge");
    }
}
