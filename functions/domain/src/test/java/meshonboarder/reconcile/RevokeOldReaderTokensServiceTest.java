package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

/** RevokeOldReaderTokens on in-memory token Secrets: old tokens go only once every peer holds the current one. */
class RevokeOldReaderTokensServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Member a = member("mesh1", "a");
    private final Member b = member("mesh1", "b");
    private final Member c = member("mesh1", "c");
    private final InMemoryReaderTokens store = new InMemoryReaderTokens();
    private final RevokeOldReaderTokensService service = new RevokeOldReaderTokensService(store);

    private void token(String cluster, String name, Duration age, String digest, boolean managed) {
        store.token(cluster, name, NOW.minus(age), digest, managed);
    }

    @Test
    void revoke_whenEveryPeerHoldsTheNewToken_deletesTheOldTokenSecrets() {
        token("a", "old", Duration.ofDays(31), "d-old", true);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-new");
        store.held.put("c>a", "d-new");

        TokenRevocation revocation = service.revoke(a, List.of(a, b, c));

        assertThat(revocation).isEqualTo(new TokenRevocation("a", List.of("old"), List.of(), null));
        assertThat(store.writes).containsExactly("revoke a/old");
        // a second run finds nothing to revoke and writes nothing
        assertThat(service.revoke(a, List.of(a, b, c)).revoked()).isEmpty();
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void revoke_whenAPeerStillHoldsTheOldTokenOrCannotBeRead_keepsIt() {
        token("a", "old", Duration.ofDays(31), "d-old", true);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-old");
        store.unreachable.add("c");

        TokenRevocation revocation = service.revoke(a, List.of(a, b, c));

        assertThat(revocation.revoked()).isEmpty();
        assertThat(revocation.kept()).containsExactly("old");
        assertThat(revocation.reason()).isEqualTo("b does not hold the new token yet; c could not be read (AccessDenied)");
        assertThat(store.writes).isEmpty();
    }

    @Test
    void revoke_whenOldTokenSecretWasNotMadeByMeshOnboarder_neverDeletesIt() {
        token("a", "istioctl-made", Duration.ofDays(31), "d-old", false);
        token("a", "new", Duration.ofMinutes(1), "d-new", true);
        store.held.put("b>a", "d-new");

        assertThat(service.revoke(a, List.of(a, b))).isEqualTo(new TokenRevocation("a", List.of(), List.of(), null));
        assertThat(store.writes).isEmpty();
    }
}
