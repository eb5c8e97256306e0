package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import meshonboarder.aws.Wiring;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.Priming;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the Kubernetes steps: against the priming API server (an empty cluster on the loopback) and
 * the priming AWS answers, each runs its whole request path, so that the snapshot holds the fabric8 client's
 * request and response handling, not only its construction. The steps that need a cluster object to exist
 * (EnsureReader's token, InspectCluster's load balancer controller) stop at that named point, and never throw.
 */
class PrimingTest {

    @Test
    void beforeCheckpoint_whenKubernetesStep_runsThroughAgainstAnEmptyCluster() {
        Wiring wiring = MotoServer.wiring(Map.of("CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/access",
                "PARTITION", "aws"));

        assertThat(Priming.log(new PatchCniEgressHandler(wiring))).contains("PatchCniEgress primed in")
                .contains("(ran through)");
        assertThat(Priming.log(new WaitCniRolloutHandler(wiring))).contains("(ran through)");
        assertThat(Priming.log(new EnsureCaHandler(wiring))).contains("(ran through)");
        assertThat(Priming.log(new RemoveRemoteSecretHandler(wiring))).contains("(ran through)");
        assertThat(Priming.log(new WaitIstioReadyHandler(wiring))).contains("(ran through)");
        assertThat(Priming.log(new EnsureReaderHandler(wiring))).contains("stopped at Transient in ReaderIdentity");
        // its own priming input (a subject, its holders, the members): past input checks to the subject's token
        assertThat(Priming.log(new RepairRemoteSecretsHandler(wiring)))
                .contains("stopped at Transient in ReaderIdentity");
        assertThat(Priming.log(new InspectClusterHandler(wiring)))
                .contains("stopped at LoadBalancerControllerMissing");
    }
}
