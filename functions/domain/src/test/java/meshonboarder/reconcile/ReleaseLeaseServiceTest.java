package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseLeaseServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final InMemoryLeases leases = new InMemoryLeases();
    private final AcquireLeaseService acquire = new AcquireLeaseService(leases);
    private final ReleaseLeaseService service = new ReleaseLeaseService(leases);

    @Test
    void release_whenHeld_freesTheMeshForTheNextRunAtOnce() {
        acquire.acquire("mesh1", "run-1", NOW);

        assertThat(service.release("mesh1", "run-1").outcome()).isEqualTo(LeaseOutcome.RELEASED);
        assertThat(acquire.acquire("mesh1", "run-2", NOW.plusSeconds(1)).outcome()).isEqualTo(LeaseOutcome.ACQUIRED);
    }

    @Test
    void release_whenAnotherRunHoldsIt_leavesItAloneAndWritesNothing() {
        acquire.acquire("mesh1", "run-2", NOW);
        int writes = leases.writes();

        assertThat(service.release("mesh1", "run-1").outcome()).isEqualTo(LeaseOutcome.NOT_HELD);
        assertThat(leases.find("mesh1")).map(Lease::holder).contains("run-2");
        assertThat(leases.writes()).isEqualTo(writes);
    }

    @Test
    void release_whenRunAgain_writesNothing() {
        acquire.acquire("mesh1", "run-1", NOW);
        service.release("mesh1", "run-1");
        int writes = leases.writes();

        assertThat(service.release("mesh1", "run-1").outcome()).isEqualTo(LeaseOutcome.NOT_HELD);
        assertThat(leases.writes()).isEqualTo(writes);
    }
}
