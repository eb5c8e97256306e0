package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcquireLeaseServiceTest {

    /** The clock the tests control: every call names its own instant. */
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final InMemoryLeases leases = new InMemoryLeases();
    private final AcquireLeaseService service = new AcquireLeaseService(leases);

    @Test
    void acquire_whenNoRunHoldsTheMesh_takesItForOneTerm() {
        LeaseResult result = service.acquire("mesh1", "run-1", NOW);

        assertThat(result).isEqualTo(new LeaseResult("mesh1", LeaseOutcome.ACQUIRED, "run-1", NOW.plus(Lease.TERM)));
        assertThat(leases.find("mesh1")).contains(new Lease("mesh1", "run-1", NOW.plus(Lease.TERM)));
    }

    @Test
    void acquire_whenAnotherRunHoldsIt_isAlreadyRunningNamesThatRunAndWritesNothing() {
        service.acquire("mesh1", "run-1", NOW);
        int writes = leases.writes();

        LeaseResult result = service.acquire("mesh1", "run-2", NOW.plusSeconds(60));

        assertThat(result).isEqualTo(new LeaseResult("mesh1", LeaseOutcome.ALREADY_RUNNING, "run-1",
                NOW.plus(Lease.TERM)));
        assertThat(leases.writes()).isEqualTo(writes);
        assertThat(service.acquire("mesh2", "run-2", NOW.plusSeconds(60)).outcome()).as("another mesh is free")
                .isEqualTo(LeaseOutcome.ACQUIRED);
    }

    @Test
    void acquire_whenTheSameRunAsksAgain_holdsItStillAndWritesNothing() {
        service.acquire("mesh1", "run-1", NOW);
        int writes = leases.writes();

        LeaseResult again = service.acquire("mesh1", "run-1", NOW.plusSeconds(30));

        assertThat(again).isEqualTo(new LeaseResult("mesh1", LeaseOutcome.ACQUIRED, "run-1", NOW.plus(Lease.TERM)));
        assertThat(leases.writes()).isEqualTo(writes);
    }

    @Test
    void acquire_whenTheHolderStoppedWithoutReleasing_theNextRunTakesItOnceItExpired() {
        service.acquire("mesh1", "stopped", NOW);
        Instant expiry = NOW.plus(Lease.TERM);

        assertThat(service.acquire("mesh1", "run-2", expiry).outcome()).as("at its expiry")
                .isEqualTo(LeaseOutcome.ALREADY_RUNNING);
        LeaseResult after = service.acquire("mesh1", "run-2", expiry.plusSeconds(1));

        assertThat(after.outcome()).isEqualTo(LeaseOutcome.ACQUIRED);
        assertThat(leases.find("mesh1")).map(Lease::holder).contains("run-2");
    }

    @Test
    void acquire_whenAnotherRunTakesItBetweenTheReadAndTheWrite_theWriteDecides() {
        MeshLeases racing = new MeshLeases() {
            @Override
            public Optional<Lease> find(String meshId) {
                return leases.find(meshId);
            }

            @Override
            public boolean take(Lease lease, Instant now) {
                leases.take(new Lease(lease.meshId(), "run-fast", lease.expiresAt()), now);
                return leases.take(lease, now);
            }

            @Override
            public boolean renew(Lease lease) {
                return leases.renew(lease);
            }

            @Override
            public boolean release(String meshId, String holder) {
                return leases.release(meshId, holder);
            }
        };

        LeaseResult result = new AcquireLeaseService(racing).acquire("mesh1", "run-slow", NOW);

        assertThat(result.outcome()).isEqualTo(LeaseOutcome.ALREADY_RUNNING);
        assertThat(result.holder()).isEqualTo("run-fast");
    }
}
