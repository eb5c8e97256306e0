package meshonboarder.local.scenario;

import static meshonboarder.local.scenario.ScenarioRun.runAndExpectEndState;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** End to end: the {@code concurrent} scenario, two onboardings forced to miss each other. */
class ConcurrentScenarioTest {

    /**
     * Issue 12: eks-2 (IPv6) and eks-3 (IPv4) pass GatherNetwork before either is recorded, and eks-3 rechecks before
     * eks-2 is recorded (the runner forces it). eks-2's RecheckNetwork sees eks-3 and its onboarding runs again from
     * GatherNetwork, switching eks-3's gateway to dualstack before it lists its peers: both succeed, every gateway is
     * dualstack, and no ReconcileMesh ran.
     */
    @Test
    void run_whenConcurrentOnboardingsMissEachOther_everyGatewayEndsDualstackWithoutAReconcile() throws Exception {
        String output = runAndExpectEndState("concurrent");

        assertThat(output).contains("until eks-3 has rechecked its network");
        assertThat(output.split("eks-2  > RecheckNetwork", -1)).as("eks-2 rechecked twice").hasSize(3);
        assertThat(output.split("eks-3  > RecheckNetwork", -1)).as("eks-3 rechecked once").hasSize(2);
        assertThat(output).contains("Gateway:   dualstack").doesNotContain("Gateway:   ipv4")
                .doesNotContain("ReconcileMesh");
    }
}
