package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of a member's reader token Secrets is current, and which ones it replaced. */
class ReaderTokenSecretTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void current_whenNewerTokenNotFilledYet_isTheNewestFilled() {
        List<ReaderTokenSecret> secrets = List.of(
                new ReaderTokenSecret("older", NOW.minus(Duration.ofDays(60)), "d1", true),
                new ReaderTokenSecret("old", NOW.minus(Duration.ofDays(31)), "d2", true),
                new ReaderTokenSecret("new", NOW, null, true));

        assertThat(ReaderTokenSecret.current(secrets)).map(ReaderTokenSecret::name).contains("old");
        assertThat(ReaderTokenSecret.replaced(secrets)).extracting(ReaderTokenSecret::name).containsExactly("older");
    }

    @Test
    void current_whenTwoTokenSecretsWereMadeInTheSameSecond_isTheRotatedOne() {
        List<ReaderTokenSecret> secrets = List.of(
                new ReaderTokenSecret("istio-reader-service-account-istio-remote-secret-token", NOW, "d1", true),
                new ReaderTokenSecret("istio-reader-service-account-istio-remote-secret-token-20261130-120000", NOW,
                        "d2", true));

        assertThat(ReaderTokenSecret.current(secrets)).map(ReaderTokenSecret::tokenDigest).contains("d2");
        assertThat(ReaderTokenSecret.replaced(secrets)).extracting(ReaderTokenSecret::tokenDigest).containsExactly("d1");
    }
}
