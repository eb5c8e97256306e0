package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meshonboarder.errors.IstioDowngradeRefused;
import meshonboarder.errors.IstioMinorSkipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Istio's in-place upgrade rule: "The installed Istio version is no more than one minor version less than the upgrade
 * version. For example, 1.6.0 or higher is required before you start the upgrade process to 1.7.x."
 * (https://istio.io/latest/docs/setup/upgrade/in-place/, Upgrade prerequisites; the canary upgrade page,
 * https://istio.io/latest/docs/setup/upgrade/canary/, says the same of a revision upgrade).
 */
class IstioUpgradePathTest {

    @ParameterizedTest
    @CsvSource({"1.30.3,1.30.3", "1.30.3,1.30.5", "1.30.3,1.31.0", "1.30.3,1.31.4", "1.31.0-beta.1,1.31.0"})
    void check_whenSameOrNextMinor_allows(String from, String to) {
        assertThatCode(() -> IstioUpgradePath.check("mesh1/eks-1", "istiod", from, to)).doesNotThrowAnyException();
    }

    @Test
    void check_whenTwoMinorsAhead_refusesWithTheMinorToGoThrough() {
        assertThatThrownBy(() -> IstioUpgradePath.check("mesh1/eks-1", "istiod", "1.28.2", "1.30.3"))
                .isInstanceOf(IstioMinorSkipped.class)
                .hasMessageContaining("release istiod on mesh1/eks-1 runs 1.28.2")
                .hasMessageContaining("Upgrade through 1.29 first");
    }

    @Test
    void check_whenNextMajor_refuses() {
        assertThatThrownBy(() -> IstioUpgradePath.check("mesh1/eks-1", "istiod", "1.30.3", "2.0.0"))
                .isInstanceOf(IstioMinorSkipped.class);
    }

    @ParameterizedTest
    @CsvSource({"1.31.0,1.30.3", "1.30.3,1.30.2"})
    void check_whenOlder_refusesTheDowngrade(String from, String to) {
        assertThatThrownBy(() -> IstioUpgradePath.check("mesh1/eks-1", "istio-base", from, to))
                .isInstanceOf(IstioDowngradeRefused.class)
                .hasMessageContaining("Set IstioVersion back to " + from);
    }
}
