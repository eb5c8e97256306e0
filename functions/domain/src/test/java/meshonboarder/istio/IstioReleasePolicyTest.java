package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.Optional;
import meshonboarder.errors.IstioReleaseKnownBad;
import meshonboarder.istio.IstioReleasePolicy.KnownBad;
import meshonboarder.istio.IstioReleasePolicy.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The known-bad table against the default IstioVersion and against both gates. */
class IstioReleasePolicyTest {

    @Test
    void defaultVersion_isTheFloor_andNoKnownBadRangeCoversIt() {
        assertThat(IstioSettings.DEFAULT_VERSION).isEqualTo(IstioReleasePolicy.FLOOR);
        assertThat(IstioReleasePolicy.knownBad(IstioSettings.DEFAULT_VERSION)).isEmpty();
        assertThatCode(() -> IstioReleasePolicy.refuseInstall(IstioSettings.DEFAULT_VERSION, "Resolve"))
                .doesNotThrowAnyException();
    }

    @Test
    void floor_isTheNewestFix_andEveryRangeEndsBeforeIt() {
        String newestFix = IstioReleasePolicy.KNOWN_BAD.stream().map(KnownBad::fixedIn)
                .max(Comparator.comparing(IstioUpgradePath::parse, IstioUpgradePath::compare)).orElseThrow();
        assertThat(IstioReleasePolicy.FLOOR).isEqualTo(newestFix);
        for (KnownBad bad : IstioReleasePolicy.KNOWN_BAD) {
            assertThat(bad.covers(bad.first())).as(bad.issue()).isTrue();
            assertThat(bad.covers(bad.last())).as(bad.issue()).isTrue();
            assertThat(bad.covers(bad.fixedIn())).as(bad.issue()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.30.0", "1.30.0-rc.0", "1.30.2", "1.30.3"})
    void refuseInstall_whenTheVersionIsKnownBad_namesTheIssuesAndTheFloor(String version) {
        assertThatThrownBy(() -> IstioReleasePolicy.refuseInstall(version, "Resolve"))
                .isInstanceOf(IstioReleaseKnownBad.class)
                .hasMessageContaining("IstioVersion " + version)
                .hasMessageContaining("istio/istio#61043")
                .hasMessageContaining("Set IstioVersion to 1.30.4 or newer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.30.4", "1.30.5", "1.31.0", "1.31.0-beta.1", "1.33.0", "not-a-version"})
    void refuseInstall_whenTheVersionIsNoKnownBadRelease_letsItPass(String version) {
        assertThatCode(() -> IstioReleasePolicy.refuseInstall(version, "CheckIstio")).doesNotThrowAnyException();
    }

    @Test
    void refuse_whenTheHoldersReleaseBreaksTheOperation_saysUpgradeFirst() {
        assertThatThrownBy(() -> IstioReleasePolicy.refuse(Operation.ROTATION, Optional.of("1.30.3"),
                "rewriting istio-remote-secret-eks-2", "mesh1/eks-1"))
                .isInstanceOf(IstioReleaseKnownBad.class)
                .hasMessageStartingWith("Not rewriting istio-remote-secret-eks-2 in mesh1/eks-1: its istiod runs "
                        + "Istio 1.30.3")
                .hasMessageContaining("istio/istio#61043").hasMessageContaining("istio/istio#60920")
                .hasMessageContaining("Upgrade it first");
        // 1.30.3 has the fix of #60612 (re-reading), not those of the rotation and the departure
        assertThat(IstioReleasePolicy.breaking("1.30.3", Operation.RE_READ)).isEmpty();
        assertThat(IstioReleasePolicy.breaking("1.30.2", Operation.RE_READ)).extracting(KnownBad::issue)
                .containsExactly("60612");
        assertThat(IstioReleasePolicy.breaking("1.30.3", Operation.DEPARTURE)).extracting(KnownBad::issue)
                .containsExactly("60920");
    }

    @Test
    void refuse_whenTheReleaseIsFixedOrUnknown_letsItPass() {
        for (Operation operation : Operation.values()) {
            assertThatCode(() -> IstioReleasePolicy.refuse(operation, Optional.of("1.30.4"), "x", "mesh1/eks-1"))
                    .doesNotThrowAnyException();
            // no istiod Helm release (Istio installed otherwise): nothing to judge
            assertThatCode(() -> IstioReleasePolicy.refuse(operation, Optional.empty(), "x", "mesh1/eks-1"))
                    .doesNotThrowAnyException();
        }
    }
}
