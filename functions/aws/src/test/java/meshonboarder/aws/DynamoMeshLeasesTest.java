package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import meshonboarder.reconcile.AcquireLeaseService;
import meshonboarder.reconcile.Lease;
import meshonboarder.reconcile.LeaseOutcome;
import meshonboarder.reconcile.LeaseResult;
import meshonboarder.testing.MeshTables;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** The reconcile lease on moto's DynamoDB: the conditions decide who holds a mesh. */
class DynamoMeshLeasesTest {

    /** The clock the test controls: moto compares the numbers the adapter writes, not its own time. */
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final DynamoMeshLeases leases = new DynamoMeshLeases(MotoServer.aws().dynamoDb(), MeshTables.ensure());
    private final AcquireLeaseService acquire = new AcquireLeaseService(leases);
    private final String mesh = MotoServer.unique("mesh");

    @Test
    void acquire_whenFree_isTakenAndASecondRunFindsItsHolder() {
        assertThat(acquire.acquire(mesh, "run-1", NOW).outcome()).isEqualTo(LeaseOutcome.ACQUIRED);

        LeaseResult other = acquire.acquire(mesh, "run-2", NOW.plusSeconds(5));

        assertThat(other).isEqualTo(new LeaseResult(mesh, LeaseOutcome.ALREADY_RUNNING, "run-1", NOW.plus(Lease.TERM)));
        assertThat(leases.find(mesh)).contains(new Lease(mesh, "run-1", NOW.plus(Lease.TERM)));
    }

    @Test
    void take_whenSixRunsAskAtOnce_exactlyOneGetsIt() {
        List<CompletableFuture<Boolean>> asks = IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> leases.take(new Lease(mesh, "run-" + i, NOW.plus(Lease.TERM)), NOW))).toList();

        assertThat(asks.stream().map(CompletableFuture::join).filter(taken -> taken)).hasSize(1);
    }

    @Test
    void acquire_whenTheHolderStoppedAndItsLeaseExpired_theNextRunTakesItAndTheOldHolderCannotWrite() {
        acquire.acquire(mesh, "stopped", NOW);
        Instant afterTerm = NOW.plus(Lease.TERM).plusSeconds(1);

        assertThat(acquire.acquire(mesh, "run-2", NOW.plus(Lease.TERM)).outcome()).isEqualTo(LeaseOutcome.ALREADY_RUNNING);
        assertThat(acquire.acquire(mesh, "run-2", afterTerm).outcome()).isEqualTo(LeaseOutcome.ACQUIRED);
        assertThat(leases.renew(new Lease(mesh, "stopped", afterTerm.plus(Lease.TERM)))).isFalse();
        assertThat(leases.release(mesh, "stopped")).isFalse();
        assertThat(leases.find(mesh)).map(Lease::holder).contains("run-2");
    }

    @Test
    void renewAndRelease_whenHeld_extendThenFreeIt() {
        acquire.acquire(mesh, "run-1", NOW);
        Instant later = NOW.plus(Lease.TERM.dividedBy(2));

        assertThat(leases.renew(new Lease(mesh, "run-1", later.plus(Lease.TERM)))).isTrue();
        assertThat(acquire.acquire(mesh, "run-2", NOW.plus(Lease.TERM).plusSeconds(1)).outcome())
                .isEqualTo(LeaseOutcome.ALREADY_RUNNING);
        assertThat(leases.release(mesh, "run-1")).isTrue();
        assertThat(leases.release(mesh, "run-1")).isFalse();
        assertThat(leases.find(mesh)).isEmpty();
    }

    @Test
    void theLease_isNoMemberOfTheMesh() {
        acquire.acquire(mesh, "run-1", NOW);

        DynamoMeshMembers members = new DynamoMeshMembers(MotoServer.aws().dynamoDb(), MeshTables.NAME);
        assertThat(members.list(mesh)).isEmpty();
        assertThat(members.meshes()).doesNotContain(mesh);
    }
}
