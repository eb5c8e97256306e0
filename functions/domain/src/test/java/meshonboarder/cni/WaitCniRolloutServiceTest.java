package meshonboarder.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.CniUpdateFailed;
import meshonboarder.errors.VpcCniNotFound;
import meshonboarder.errors.WaitTimedOut;
import meshonboarder.wait.PollPolicy;
import org.junit.jupiter.api.Test;

/** The WaitCniRollout loop on in-memory add-ons and DaemonSets: what each check waits for, and when it gives up. */
class WaitCniRolloutServiceTest {

    private final InMemoryCni cni = new InMemoryCni();
    private final WaitCniRolloutService service = new WaitCniRolloutService(cni.addons(), cni.awsNodes(),
            new PollPolicy(10, 30));
    private final Cluster cluster = cni.cluster("eks-new", IpFamily.IPV4, false);

    private static CniEgress patched(CniKind kind, String updateId) {
        return new CniEgress("single-network", List.of(new ClusterCni("eks-new", InMemoryCni.REGION, IpFamily.IPV4,
                false, kind, "v1.19.2", Map.of("ENABLE_V6_EGRESS", "true"), Map.of(), CniOutcome.PATCHED, updateId)),
                List.of("eks-new"), Map.of("eks-new", Map.of("ENABLE_V6_EGRESS", "true")), List.of(), "restart");
    }

    @Test
    void check_whenNothingWasPatched_isReadyAtOnceAndReadsNothing() {
        CniEgress unchanged = new CniEgress("single-network", List.of(new ClusterCni("eks-new", InMemoryCni.REGION,
                IpFamily.IPV4, false, CniKind.SELF_MANAGED, "v1.19.2", Map.of(), Map.of(), CniOutcome.UNCHANGED, null)),
                List.of(), Map.of(), List.of(), null);

        assertThat(service.check(cluster, unchanged, null)).isEqualTo(new CniRollout(true, 1, 10, List.of()));
    }

    @Test
    void check_whenTheSelfManagedPodsRollOut_waitsForEachStageThenIsReady() {
        cni.awsNode("eks-new", "v1.19.2", true, EnumSet.of(Egress.V4, Egress.V6));
        cni.rollout("eks-new", new AwsNode.Rollout(2, 1, 3, 0, 3));

        CniRollout first = service.check(cluster, patched(CniKind.SELF_MANAGED, null), null);
        cni.rollout("eks-new", new AwsNode.Rollout(2, 2, 3, 1, 3));
        CniRollout second = service.check(cluster, patched(CniKind.SELF_MANAGED, null), first);
        cni.rollout("eks-new", new AwsNode.Rollout(2, 2, 3, 3, 3));
        CniRollout third = service.check(cluster, patched(CniKind.SELF_MANAGED, null), second);

        assertThat(first.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("the DaemonSet controller has not yet seen the change");
        assertThat(second.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("1 of 3 aws-node pods updated");
        assertThat(third).isEqualTo(new CniRollout(true, 3, 10, List.of()));
    }

    @Test
    void check_whenTheAddonUpdateIsUnderWay_waitsForEksThenForThePods() {
        cni.addon("eks-new", "v1.19.2-eksbuild.1", null, "UPDATING");
        cni.update("eks-new", "u-1", "InProgress", List.of());
        cni.awsNode("eks-new", "v1.19.2", true, EnumSet.of(Egress.V4, Egress.V6));
        cni.rollout("eks-new", new AwsNode.Rollout(2, 2, 3, 2, 3));

        CniRollout updating = service.check(cluster, patched(CniKind.MANAGED_ADDON, "u-1"), null);
        cni.update("eks-new", "u-1", "Successful", List.of());
        CniRollout notActive = service.check(cluster, patched(CniKind.MANAGED_ADDON, "u-1"), updating);
        cni.addon("eks-new", "v1.19.2-eksbuild.1", null, "ACTIVE");
        CniRollout pods = service.check(cluster, patched(CniKind.MANAGED_ADDON, "u-1"), notActive);

        assertThat(updating.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("add-on update u-1 is InProgress");
        assertThat(notActive.pending()).extracting(CniRollout.Pending::waitingFor).containsExactly("add-on is UPDATING");
        assertThat(pods.pending()).extracting(CniRollout.Pending::waitingFor)
                .containsExactly("2 of 3 aws-node pods updated");
    }

    @Test
    void check_whenEksSaysTheUpdateFailed_failsWithItsReasons() {
        cni.addon("eks-new", "v1.19.2-eksbuild.1", null, "ACTIVE");
        cni.update("eks-new", "u-1", "Failed", List.of("ConfigurationConflict: env"));

        assertThatThrownBy(() -> service.check(cluster, patched(CniKind.MANAGED_ADDON, "u-1"), null))
                .isInstanceOf(CniUpdateFailed.class).hasMessageContaining("ConfigurationConflict: env")
                .hasMessageContaining("aws eks describe-update");
    }

    @Test
    void check_whenTheAddonIsUpdateFailed_failsWithTheCommandThatShowsWhy() {
        cni.addon("eks-new", "v1.19.2-eksbuild.1", null, "UPDATE_FAILED");

        assertThatThrownBy(() -> service.check(cluster, patched(CniKind.MANAGED_ADDON, null), null))
                .isInstanceOf(CniUpdateFailed.class).hasMessageContaining("aws eks describe-addon");
    }

    @Test
    void check_whenTheDaemonSetWasDeletedMeanwhile_failsWithVpcCniNotFound() {
        assertThatThrownBy(() -> service.check(cluster, patched(CniKind.SELF_MANAGED, null), null))
                .isInstanceOf(VpcCniNotFound.class).hasMessageContaining("was deleted");
    }

    @Test
    void check_whenItNeverRollsOut_endsWithWaitTimedOutNamingWhatItWaitedFor() {
        cni.awsNode("eks-new", "v1.19.2", true, EnumSet.of(Egress.V4, Egress.V6));
        cni.rollout("eks-new", new AwsNode.Rollout(2, 2, 3, 3, 1));
        CniRollout check = null;
        for (int i = 0; i < 3; i++) {
            check = service.check(cluster, patched(CniKind.SELF_MANAGED, null), check);
        }
        CniRollout last = check;

        assertThatThrownBy(() -> service.check(cluster, patched(CniKind.SELF_MANAGED, null), last))
                .isInstanceOf(WaitTimedOut.class).hasMessageContaining("eks-new: 1 of 3 aws-node pods ready");
    }
}
