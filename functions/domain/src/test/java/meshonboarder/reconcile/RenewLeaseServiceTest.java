package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import meshonboarder.errors.LeaseLost;
import org.junit.jupiter.api.Test;

class RenewLeaseServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final InMemoryLeases leases = new InMemoryLeases();
    private final AcquireLeaseService acquire = new AcquireLeaseService(leases);
    private final RenewLeaseService service = new RenewLeaseService(leases);

    @Test
    void renew_whenHeld_extendsItOneTermFromNow() {
        acquire.acquire("mesh1", "run-1", NOW);
        Instant later = NOW.plus(Duration.ofMinutes(90));

        LeaseResult result = service.renew("mesh1", "run-1", later);

        assertThat(result).isEqualTo(new LeaseResult("mesh1", LeaseOutcome.RENEWED, "run-1", later.plus(Lease.TERM)));
        assertThat(acquire.acquire("mesh1", "run-2", NOW.plus(Lease.TERM).plusSeconds(1)).outcome())
                .as("past the first term, the renewed lease still holds").isEqualTo(LeaseOutcome.ALREADY_RUNNING);
    }

    @Test
    void renew_whenItExpiredAndAnotherRunTookTheMesh_stopsWithLeaseLostAndLeavesTheOtherRunsLease() {
        acquire.acquire("mesh1", "run-1", NOW);
        Instant afterTerm = NOW.plus(Lease.TERM).plusSeconds(1);
        acquire.acquire("mesh1", "run-2", afterTerm);

        assertThatThrownBy(() -> service.renew("mesh1", "run-1", afterTerm.plusSeconds(5)))
                .isInstanceOf(LeaseLost.class).hasMessageContaining("mesh1").hasMessageContaining("upgrades no further");
        assertThat(leases.find("mesh1")).map(Lease::holder).contains("run-2");
    }

    @Test
    void renew_whenReleasedMeanwhile_stopsWithLeaseLost() {
        assertThatThrownBy(() -> service.renew("mesh1", "run-1", NOW)).isInstanceOf(LeaseLost.class);
        assertThat(leases.find("mesh1")).isEmpty();
    }
}
