package meshonboarder.remote;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.IstioReleaseKnownBad;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

class RemoveRemoteSecretServiceTest {

    private final Member departing = member("mesh1", "eks-gone");
    private final Member peer = member("mesh1", "eks-1");
    private final InMemoryRemoteSecretClusters clusters = new InMemoryRemoteSecretClusters();
    private final RemoveRemoteSecretService service = new RemoveRemoteSecretService(clusters);

    @Test
    void remove_whenThePeerHoldsTheSecret_deletesItThenFindsItAbsent() {
        clusters.holds("eks-1", "eks-gone");

        RemovalResult first = service.remove(departing, peer, false);
        RemovalResult second = service.remove(departing, peer, false);

        assertThat(first).isEqualTo(new RemovalResult(peer, RemovalStatus.REMOVED, ApplyOutcome.DELETED, null));
        assertThat(second.secret()).isEqualTo(ApplyOutcome.ABSENT);
        // one way: the departed cluster is gone, nothing is asked of it
        assertThat(clusters.log).containsExactly("connect eks-1", "delete eks-gone from eks-1: DELETED",
                "connect eks-1", "delete eks-gone from eks-1: ABSENT");
    }

    /** Issue 23: on 1.30.0-1.30.3 a removal can leave the other networks' gateways unregistered in that istiod. */
    @Test
    void remove_whenThePeerRunsAKnownBadRelease_refusesBeforeDeletingAndSaysUpgradeFirst() {
        clusters.holds("eks-1", "eks-gone");
        clusters.side("eks-1").istiod("1.30.3");

        assertThatThrownBy(() -> service.remove(departing, peer, false))
                .isInstanceOf(IstioReleaseKnownBad.class)
                .hasMessageStartingWith("Not deleting istio-remote-secret-eks-gone in mesh1/eks-1")
                .hasMessageContaining("istio/istio#60920").hasMessageContaining("Upgrade it first");
        assertThat(clusters.side("eks-1").held("eks-gone")).isNotNull();

        clusters.side("eks-1").istiod("1.30.4");
        assertThat(service.remove(departing, peer, false).secret()).isEqualTo(ApplyOutcome.DELETED);
    }

    @Test
    void remove_whenBothWays_alsoTakesThePeersSecretOutOfTheDepartingCluster() {
        clusters.holds("eks-1", "eks-gone");
        clusters.holds("eks-gone", "eks-1");

        RemovalResult result = service.remove(departing, peer, true);

        assertThat(result).isEqualTo(new RemovalResult(peer, RemovalStatus.REMOVED, ApplyOutcome.DELETED,
                ApplyOutcome.DELETED));
        assertThat(clusters.side("eks-1").held()).isEmpty();
        assertThat(clusters.side("eks-gone").held()).isEmpty();
        assertThat(service.remove(departing, peer, true).peerSecret()).isEqualTo(ApplyOutcome.ABSENT);
    }

    @Test
    void remove_whenTheHolderWasDeletedSinceItWasListed_findsTheSecretGoneWithIt() {
        // no cluster eks-1 at all: connecting to it is ClusterNotFound
        RemovalResult result = service.remove(departing, peer, false);

        assertThat(result.secret()).isEqualTo(ApplyOutcome.ABSENT);
    }

    @Test
    void remove_whenTheDepartingClusterCannotBeReached_failsForTheMapsRetryAfterThePeerIsDone() {
        clusters.holds("eks-1", "eks-gone");
        clusters.failConnections("eks-gone", new Transient("The API server of 'eks-gone' did not answer."));

        assertThatThrownBy(() -> service.remove(departing, peer, true)).isInstanceOf(Transient.class);
        // the retry finds the peer's side done and only the departing cluster's left
        assertThat(clusters.side("eks-1").held()).isEmpty();
    }
}
