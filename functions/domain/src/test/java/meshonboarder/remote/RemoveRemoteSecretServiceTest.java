package meshonboarder.remote;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

class RemoveRemoteSecretServiceTest {

    private final Member departing = member("mesh1", "eks-gone");
    private final Member peer = member("mesh1", "eks-1");

    /** Remote secrets by "holder/subject"; a holder in {@code down} cannot be reached. */
    private static final class HeldSecrets implements RemoteSecrets {
        final Set<String> held = new HashSet<>();
        final Set<String> down = new HashSet<>();
        final List<String> deletes = new ArrayList<>();

        @Override
        public ApplyOutcome delete(Member holder, String subject) {
            if (down.contains(holder.clusterName())) {
                throw new Transient("The API server of '" + holder.clusterName() + "' did not answer.");
            }
            deletes.add(holder.clusterName() + "/" + subject);
            return held.remove(holder.clusterName() + "/" + subject) ? ApplyOutcome.DELETED : ApplyOutcome.ABSENT;
        }
    }

    private final HeldSecrets secrets = new HeldSecrets();
    private final RemoveRemoteSecretService service = new RemoveRemoteSecretService(secrets);

    @Test
    void remove_whenThePeerHoldsTheSecret_deletesItThenFindsItAbsent() {
        secrets.held.add("eks-1/eks-gone");

        RemovalResult first = service.remove(departing, peer, false);
        RemovalResult second = service.remove(departing, peer, false);

        assertThat(first).isEqualTo(new RemovalResult(peer, RemovalStatus.REMOVED, ApplyOutcome.DELETED, null));
        assertThat(second.secret()).isEqualTo(ApplyOutcome.ABSENT);
        // one way: the departed cluster is gone, nothing is asked of it
        assertThat(secrets.deletes).containsExactly("eks-1/eks-gone", "eks-1/eks-gone");
    }

    @Test
    void remove_whenBothWays_alsoTakesThePeersSecretOutOfTheDepartingCluster() {
        secrets.held.add("eks-1/eks-gone");
        secrets.held.add("eks-gone/eks-1");

        RemovalResult result = service.remove(departing, peer, true);

        assertThat(result).isEqualTo(new RemovalResult(peer, RemovalStatus.REMOVED, ApplyOutcome.DELETED,
                ApplyOutcome.DELETED));
        assertThat(secrets.held).isEmpty();
        assertThat(service.remove(departing, peer, true).peerSecret()).isEqualTo(ApplyOutcome.ABSENT);
    }

    @Test
    void remove_whenTheDepartingClusterCannotBeReached_failsForTheMapsRetryAfterThePeerIsDone() {
        secrets.held.add("eks-1/eks-gone");
        secrets.down.add("eks-gone");

        assertThatThrownBy(() -> service.remove(departing, peer, true)).isInstanceOf(Transient.class);
        // the retry finds the peer's side done and only the departing cluster's left
        assertThat(secrets.held).isEmpty();
    }
}
