package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** End to end: the {@code reconcile} scenario, faults injected one by one and each repaired by one ReconcileMesh. */
class ReconcileScenarioTest {

    /**
     * Every fault repaired by one reconcile (the scenario checks each repair and the whole mesh after it). The two
     * peers lost during an onboarding must both have been met: one off the network (Transient, retried until the
     * ASL's attempts are spent) and one refusing mesh-onboarder (AccessDenied, not retried), each recorded UNREACHED
     * and each repaired by the run its announcement started.
     */
    @Test
    void run_whenReconcile_repairsEveryFaultAndEveryPeerLostDuringAnOnboarding() throws Exception {
        String output = runAndExpectEndState("reconcile");

        assertThat(output)
                .contains("eks-2 is created with the mesh tag; once its onboarding enters EnsureReader, eks-1's API server "
                        + "goes off the network (connections refused)")
                .containsPattern("the exchange with eks-1 failed \\d+ times with meshonboarder\\.errors\\.Transient")
                .contains("eks-1 is reachable again; the onboarding's announcement goes to EventBridge")
                .contains("eks-3 is created with the mesh tag; once its onboarding enters EnsureReader, eks-2's API server "
                        + "refuses mesh-onboarder (its access entry is gone)")
                .contains("the exchange with eks-2 failed 1 time with meshonboarder.errors.AccessDenied")
                .contains("eks-2 answers again; the onboarding's announcement goes to EventBridge");
    }
}
