package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end: the local runner's scenarios, each on fresh stand-ins (moto, mock API servers), with the real state
 * machines and handlers. A scenario checks its own expected end state; the runner's exit code says whether it
 * was reached, and its output shows why not.
 */
class ScenariosTest {

    @ParameterizedTest
    @ValueSource(strings = {"seed", "dual-stack", "single-network", "offboard", "bad-input"})
    void run_whenScenario_reachesItsExpectedEndState(String scenario) throws Exception {
        runAndExpectEndState(scenario);
    }

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

    private static String runAndExpectEndState(String scenario) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            exit = LocalRunner.run(new String[] {"--scenario", scenario}, out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Expected end state reached.");
        return output;
    }
}
