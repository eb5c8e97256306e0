package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

class ReaderTokenRotationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Member a = member("mesh1", "a");
    private final Member b = member("mesh1", "b");
    private final Member c = member("mesh1", "c");
    private final Tokens store = new Tokens();
    private final ReaderTokenRotationService service =
            new ReaderTokenRotationService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));

    /** Token Secrets per member, the token each holder holds of each subject, and every write. */
    private static final class Tokens implements ReaderTokenStore {
        final Map<String, List<ReaderTokenSecret>> secrets = new HashMap<>();
        final Map<String, String> held = new HashMap<>();
        final Set<String> unreachable = new HashSet<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public List<ReaderTokenSecret> list(Member member) {
            return List.copyOf(secrets.getOrDefault(member.clusterName(), List.of()));
        }

        @Override
        public String issue(Member member, Instant at) {
            String name = "token-" + at.getEpochSecond();
            writes.add("issue " + member.clusterName() + "/" + name);
            secrets.computeIfAbsent(member.clusterName(), k -> new ArrayList<>())
                    .add(new ReaderTokenSecret(name, at, null, true));
            return name;
        }

        @Override
        public Optional<String> heldTokenDigest(Member holder, String subject) {
            if (unreachable.contains(holder.clusterName())) {
                throw new AccessDenied("refused");
            }
            return Optional.ofNullable(held.get(holder.clusterName() + ">" + subject));
        }

        @Override
        public void revoke(Member member, String name) {
            writes.add("revoke " + member.clusterName() + "/" + name);
            secrets.get(member.clusterName()).removeIf(s -> s.name().equals(name));
        }

        void fill(String cluster, String name, String digest) {
            List<ReaderTokenSecret> list = secrets.get(cluster);
            list.replaceAll(s -> s.name().equals(name) ? new ReaderTokenSecret(name, s.created(), digest, s.managed()) : s);
        }
    }

    private void token(String cluster, String name, Duration age, String digest, boolean managed) {
        store.secrets.computeIfAbsent(cluster, k -> new ArrayList<>())
                .add(new ReaderTokenSecret(name, NOW.minus(age), digest, managed));
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
        var never = new ReaderTokenRotationService(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);

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
    void revokeOld_whenEveryPeerHoldsTheNewToken_deletesTheOldTokenSecrets() {
        token("a", "old", Duration.ofDays(31), "d-old", true);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-new");
        store.held.put("c>a", "d-new");

        TokenRevocation revocation = service.revokeOld(a, List.of(a, b, c));

        assertThat(revocation).isEqualTo(new TokenRevocation("a", List.of("old"), List.of(), null));
        assertThat(store.writes).containsExactly("revoke a/old");
        // a second run finds nothing to revoke and writes nothing
        assertThat(service.revokeOld(a, List.of(a, b, c)).revoked()).isEmpty();
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void revokeOld_whenAPeerStillHoldsTheOldTokenOrCannotBeRead_keepsIt() {
        token("a", "old", Duration.ofDays(31), "d-old", true);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-old");
        store.unreachable.add("c");

        TokenRevocation revocation = service.revokeOld(a, List.of(a, b, c));

        assertThat(revocation.revoked()).isEmpty();
        assertThat(revocation.kept()).containsExactly("old");
        assertThat(revocation.reason()).isEqualTo("b does not hold the new token yet; c could not be read (AccessDenied)");
        assertThat(store.writes).isEmpty();
    }

    @Test
    void revokeOld_whenOldTokenSecretWasNotMadeByMeshOnboarder_neverDeletesIt() {
        token("a", "istioctl-made", Duration.ofDays(31), "d-old", false);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-new");

        assertThat(service.revokeOld(a, List.of(a, b))).isEqualTo(new TokenRevocation("a", List.of(), List.of(), null));
        assertThat(store.writes).isEmpty();
    }

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

    @Test
    void period_whenDaysGiven_isThatLongAndZeroIsNever() {
        assertThat(ReaderTokenRotationService.period("30")).isEqualTo(Duration.ofDays(30));
        assertThat(ReaderTokenRotationService.period("0.5")).isEqualTo(Duration.ofHours(12));
        assertThat(ReaderTokenRotationService.period("0")).isZero();
        assertThatThrownBy(() -> ReaderTokenRotationService.period("-1")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("ReaderTokenRotationDays");
        assertThatThrownBy(() -> ReaderTokenRotationService.period("monthly")).isInstanceOf(InvalidInput.class);
    }
}
