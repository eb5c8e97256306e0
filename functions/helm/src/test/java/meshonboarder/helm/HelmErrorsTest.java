package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;

import meshonboarder.errors.IstioInstallFailed;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.errors.Transient;
import org.junit.jupiter.api.Test;

class HelmErrorsTest {

    /**
     * Helm's errPending (helm/helm pkg/action/action.go, "another operation (install/upgrade/rollback) is in
     * progress"; helm/helm issue 4558): the release is being changed by someone else, here most likely a second
     * onboarding switching the same gateway. The state machine retries a Transient.
     */
    @Test
    void translate_whenAnotherOperationIsInProgress_isTransientAndSaysHowToUnstick() {
        MeshOnboarderError error = HelmErrors.translate(new IllegalStateException(
                "UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress"),
                "upgrading istio-eastwestgateway on mesh1/eks-3");

        assertThat(error).isInstanceOf(Transient.class)
                .hasMessageContaining("while upgrading istio-eastwestgateway on mesh1/eks-3")
                .hasMessageContaining("helm rollback");
    }

    /** Two upgrades at once both write the next revision's Secret: Helm's storage driver says ErrReleaseExists. */
    @Test
    void translate_whenTheRevisionWasWrittenMeanwhile_isTransient() {
        assertThat(HelmErrors.translate(new IllegalStateException("release: already exists"), "upgrading x"))
                .isInstanceOf(Transient.class);
    }

    @Test
    void translate_whenTheChartDoesNotRender_failsWithHelmsFirstLine() {
        MeshOnboarderError error = HelmErrors.translate(new IllegalStateException(
                "execution error at (gateway/templates/service.yaml:3:4): bad\nmore"), "installing x");

        assertThat(error).isInstanceOf(IstioInstallFailed.class)
                .hasMessage("Helm failed while installing x: execution error at (gateway/templates/service.yaml:3:4): bad");
    }
}
