package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

/** RotateReaderToken on in-memory token Secrets: when a new token is issued, and the wait until it is filled. */
class RotateReaderTokenServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Member a = member("mesh1", "a");
    private final InMemoryReaderTokens store = new InMemoryReaderTokens();
    private final RotateReaderTokenService service =
            new RotateReaderTokenService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));

    private void token(String cluster, String name, Duration age, String digest, boolean managed) {
        store.token(cluster, name, NOW.minus(age), digest, managed);
    }

    @Test
    void rotate_whenTokenYoungerThanThePeriod_writesNothing() {
        token("a", "old", Duration.ofDays(29), "d-old", true);

        TokenRotation rotation = service.rotate(a);

        assertThat(rotation).isEqualTo(new TokenRotation("a", "old", List.of()));
        assertThat(store.writes).isEmpty();
    }

    @Test
    void rotate_whenTokenIsDue_issuesOneNewTokenAndWaitsUntilItIsFilled() {
        token("a", "old", Duration.ofDays(30), "d-old", true);

        assertThatThrownBy(() -> service.rotate(a)).isInstanceOf(Transient.class).hasMessageContaining("not filled");
        // the state machine's retry: the new Secret is pending, no second one is issued
        assertThatThrownBy(() -> service.rotate(a)).isInstanceOf(Transient.class);
        assertThat(store.writes).containsExactly("issue a/token-" + NOW.getEpochSecond());

        store.fill("a", "token-" + NOW.getEpochSecond(), "d-new");
        TokenRotation rotation = service.rotate(a);

        assertThat(rotation).isEqualTo(new TokenRotation("a", "token-" + NOW.getEpochSecond(), List.of("old")));
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void rotate_whenPeriodIsZero_neverIssues() {
        token("a", "old", Duration.ofDays(3000), "d-old", true);
        var never = new RotateReaderTokenService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

        assertThat(never.rotate(a)).isEqualTo(new TokenRotation("a", "old", List.of()));
        assertThat(store.writes).isEmpty();
    }

    @Test
    void rotate_whenMemberHasNoFilledToken_leavesItToTheExchange() {
        token("a", "unfilled", Duration.ofDays(40), null, true);

        assertThat(service.rotate(a)).isEqualTo(new TokenRotation("a", null, List.of()));
        assertThat(store.writes).isEmpty();
    }

    @Test
    void period_whenDaysGiven_isThatLongAndZeroIsNever() {
        assertThat(RotateReaderTokenService.period("30")).isEqualTo(Duration.ofDays(30));
        assertThat(RotateReaderTokenService.period("0.5")).isEqualTo(Duration.ofHours(12));
        assertThat(RotateReaderTokenService.period("0")).isZero();
        assertThatThrownBy(() -> RotateReaderTokenService.period("-1")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("ReaderTokenRotationDays");
        assertThatThrownBy(() -> RotateReaderTokenService.period("monthly")).isInstanceOf(InvalidInput.class);
    }
}
