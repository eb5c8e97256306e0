package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.Transient;
import meshonboarder.network.GatewayAddressType;
import org.junit.jupiter.api.Test;

class ReleaseReconcilerTest {

    private static final ReleaseRequest ISTIOD = new ReleaseRequest("istiod", "istio-system",
            new ChartRef("istiod", "1.30.4"), Map.of("global", Map.of("meshID", "mesh1"), "autoscaleMax", 5));

    /** Helm as a map of releases, recording what it is asked to do. */
    private static final class FakeHelm implements HelmReleases {
        final List<String> calls = new ArrayList<>();
        DeployedRelease current;

        @Override
        public Optional<DeployedRelease> find(String namespace, String release) {
            return Optional.ofNullable(current);
        }

        @Override
        public void install(ReleaseRequest request) {
            calls.add("install " + request.chart());
        }

        @Override
        public void upgrade(ReleaseRequest request) {
            calls.add("upgrade " + request.chart());
        }

        @Override
        public void uninstall(String namespace, String release) {
            calls.add("uninstall " + release);
        }
    }

    private static DeployedRelease deployed(String status, String version, Map<String, Object> values) {
        return new DeployedRelease("istiod", "istio-system", status, new ChartRef("istiod", version), 3, values);
    }

    @Test
    void reconcile_whenAbsent_installs() {
        FakeHelm helm = new FakeHelm();

        ReleaseResult result = ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1");

        assertThat(result).isEqualTo(new ReleaseResult("istiod", "istiod", "1.30.4", ReleaseOutcome.INSTALLED));
        assertThat(helm.calls).containsExactly("install istiod-1.30.4");
    }

    @Test
    void reconcile_whenSameChartAndValues_writesNothing() {
        FakeHelm helm = new FakeHelm();
        // Helm hands numbers back in its own types: 5.0 for 5 must still count as the same value
        helm.current = deployed("deployed", "1.30.4", Map.of("autoscaleMax", 5.0, "global", Map.of("meshID", "mesh1")));

        ReleaseResult result = ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1");

        assertThat(result.outcome()).isEqualTo(ReleaseOutcome.UNCHANGED);
        assertThat(helm.calls).isEmpty();
    }

    @Test
    void reconcile_whenValuesDiffer_upgrades() {
        FakeHelm helm = new FakeHelm();
        helm.current = deployed("deployed", "1.30.4", Map.of("autoscaleMax", 5, "global", Map.of("meshID", "other")));

        assertThat(ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1").outcome()).isEqualTo(ReleaseOutcome.UPGRADED);
        assertThat(helm.calls).containsExactly("upgrade istiod-1.30.4");
    }

    @Test
    void reconcile_whenOlderChart_upgrades() {
        FakeHelm helm = new FakeHelm();
        helm.current = deployed("deployed", "1.30.2", ISTIOD.values());

        assertThat(ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1").outcome()).isEqualTo(ReleaseOutcome.UPGRADED);
    }

    @Test
    void reconcile_whenLastRevisionFailed_upgradesEvenWithSameValues() {
        FakeHelm helm = new FakeHelm();
        helm.current = deployed("failed", "1.30.4", ISTIOD.values());

        assertThat(ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1").outcome()).isEqualTo(ReleaseOutcome.UPGRADED);
    }

    /** Another onboarding may be upgrading it right now (it follows this member's gateway): retried, then unstuck. */
    @Test
    void reconcile_whenPending_isRetriedAndSaysHowToUnstick() {
        FakeHelm helm = new FakeHelm();
        helm.current = deployed("pending-upgrade", "1.30.4", ISTIOD.values());

        assertThatThrownBy(() -> ReleaseReconciler.reconcile(helm, ISTIOD, "mesh1/eks-1"))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("istiod on mesh1/eks-1 is pending-upgrade")
                .hasMessageContaining("helm rollback istiod -n istio-system");
        assertThat(helm.calls).isEmpty();
    }

    /** Two onboardings at once may both switch one member's gateway up: the second waits for the first. */
    @Test
    void follow_whenThePeersGatewayIsPending_isRetriedAndWritesNothing() {
        FakeHelm helm = new FakeHelm();
        helm.current = new DeployedRelease(Istio.EASTWEST_RELEASE, Istio.NAMESPACE, "pending-upgrade",
                new ChartRef("gateway", "1.30.4"), 2, Map.of());

        assertThatThrownBy(() -> GatewayFollower.follow(helm, GatewayAddressType.DUALSTACK,
                "mesh1/eks-3"))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("istio-eastwestgateway on mesh1/eks-3 is pending-upgrade (revision 2)")
                .hasMessageContaining("helm rollback istio-eastwestgateway -n istio-system");
        assertThat(helm.calls).isEmpty();
    }
}
