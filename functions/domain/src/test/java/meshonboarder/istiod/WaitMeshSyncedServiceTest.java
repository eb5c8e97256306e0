package meshonboarder.istiod;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.wait.PollPolicy;
import org.junit.jupiter.api.Test;

/**
 * The onboarding's wait for istiod: the new member's istiod must report each exchanged peer synced and each peer's
 * istiod the new member; a pair still not synced when the time runs out ends the loop as an outcome, not an error.
 */
class WaitMeshSyncedServiceTest {

    private static final Member NEW = member("mesh1", "new");
    private static final List<Member> PEERS = List.of(member("mesh1", "a"), member("mesh1", "b"));

    private final InMemoryIstiods istiods = new InMemoryIstiods();
    /** Two attempts of 10 s: the third check finds the time spent. */
    private final WaitMeshSyncedService service = new WaitMeshSyncedService(istiods, new PollPolicy(10, 20));

    private InMemoryIstiods allSynced() {
        return istiods.view("new", Map.of("a", SyncStatus.SYNCED, "b", SyncStatus.SYNCED))
                .view("a", Map.of("new", SyncStatus.SYNCED)).view("b", Map.of("new", SyncStatus.SYNCED));
    }

    @Test
    void check_whenEveryIstiodReportsTheOtherSynced_isReadyAtOnce() {
        allSynced();

        MeshSync sync = service.check(NEW, PEERS, null);

        assertThat(sync.ready()).isTrue();
        assertThat(sync.timedOut()).isFalse();
        assertThat(sync.pairs()).isEqualTo(4);
        assertThat(sync.unsynced()).isEmpty();
        assertThat(istiods.reads).containsExactlyInAnyOrder("new", "a", "b");
    }

    @Test
    void check_whenThereIsNoPeer_readsNothingAndIsReady() {
        MeshSync sync = service.check(NEW, List.of(), null);

        assertThat(sync.ready()).isTrue();
        assertThat(sync.pairs()).isZero();
        assertThat(istiods.reads).isEmpty();
    }

    @Test
    void check_whenAPeerStillSyncsTheNewMember_waitsAndThenReadsOnlyThatPeer() {
        allSynced().view("b", Map.of("new", SyncStatus.SYNCING));

        MeshSync first = service.check(NEW, PEERS, null);
        istiods.reads.clear();
        istiods.view("b", Map.of("new", SyncStatus.SYNCED));
        MeshSync second = service.check(NEW, PEERS, first);

        assertThat(first.ready()).isFalse();
        assertThat(first.unsynced()).containsExactly(new UnsyncedPair("b", "new", "syncing"));
        assertThat(first.waitSeconds()).isEqualTo(10);
        assertThat(second.ready()).isTrue();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(istiods.reads).containsExactly("b");
    }

    /** The secret is written, but the new member's istiod cannot use it (wrong CA, endpoint or token): timeout. */
    @Test
    void check_whenAPairIsNotSyncedWhenTheTimeRunsOut_endsTheLoopTimedOutWithThatPair() {
        allSynced().view("new", Map.of("a", SyncStatus.SYNCED, "b", SyncStatus.TIMEOUT));

        MeshSync first = service.check(NEW, PEERS, null);
        MeshSync second = service.check(NEW, PEERS, first);
        MeshSync third = service.check(NEW, PEERS, second);

        assertThat(second.timedOut()).isFalse();
        assertThat(third.ready()).isFalse();
        assertThat(third.timedOut()).isTrue();
        assertThat(third.unsynced()).containsExactly(new UnsyncedPair("new", "b", "timeout"));
    }

    @Test
    void check_whenAPeerDoesNotManageTheNewMemberYet_isAbsentAndWaitedFor() {
        allSynced().view("a", Map.of());

        MeshSync sync = service.check(NEW, PEERS, null);

        assertThat(sync.ready()).isFalse();
        assertThat(sync.unsynced()).containsExactly(new UnsyncedPair("a", "new", "absent"));
    }

    /** An istiod before the gauge, or one whose API server is not reached, cannot say: reported, never waited for. */
    @Test
    void check_whenAViewCannotBeRead_reportsItUnknownAndDoesNotWaitForIt() {
        allSynced().unknown("a").unreachable("b", new Transient("API server of 'b' not reached"));

        MeshSync first = service.check(NEW, PEERS, null);

        assertThat(first.ready()).isTrue();
        assertThat(first.unknown()).extracting(UnknownView::holder).containsExactly("a", "b");
        assertThat(first.unknown().get(1).reason()).contains("Transient", "not reached");
    }

    /** A view unknown on the first look stays reported when later looks read only the pending holders. */
    @Test
    void check_whenAViewWasUnknownEarlier_keepsReportingIt() {
        allSynced().unknown("a").view("b", Map.of("new", SyncStatus.SYNCING));

        MeshSync first = service.check(NEW, PEERS, null);
        istiods.view("b", Map.of("new", SyncStatus.SYNCED));
        MeshSync second = service.check(NEW, PEERS, first);

        assertThat(second.ready()).isTrue();
        assertThat(second.unknown()).extracting(UnknownView::holder).containsExactly("a");
    }

    /**
     * A mesh of 200 whose peers all predate the gauge: the state names the first views and counts the rest (the
     * fan-out bench at 200 peers passed Step Functions' 256 KiB with every reason in it).
     */
    @Test
    void check_whenManyViewsCannotBeRead_namesTheFirstAndCountsThemAll() {
        List<Member> peers = new ArrayList<>();
        Map<String, SyncStatus> subjects = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Member peer = member("mesh1", "peer-" + i);
            peers.add(peer);
            subjects.put(peer.clusterName(), SyncStatus.SYNCED);
            istiods.unknown(peer.clusterName());
        }
        istiods.view("new", subjects);

        MeshSync sync = service.check(NEW, peers, null);

        assertThat(sync.ready()).isTrue();
        assertThat(sync.unknownCount()).isEqualTo(200);
        assertThat(sync.unknown()).hasSize(MeshSync.UNKNOWN_NAMED);
        assertThat(sync.pairs()).isEqualTo(400);
    }
}
