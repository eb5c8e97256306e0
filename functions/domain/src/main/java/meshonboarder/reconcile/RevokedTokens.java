package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.errors.CaughtError;

/**
 * One item of {@code $.revocations}: RevokeOldReaderTokens' {@link TokenRevocation}, NoOldToken's empty one, or
 * RevocationFailed's {@code {clusterName, error}}.
 */
public record RevokedTokens(String clusterName, List<String> revoked, List<String> kept, String reason,
                            CaughtError error) {

    public RevokedTokens {
        revoked = revoked == null ? List.of() : List.copyOf(revoked);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }
}
