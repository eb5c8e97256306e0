package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code RotateReaderToken} for one member (an item of {@code $.rotations}). Names only.
 *
 * @param tokenSecret     the current token Secret (the newest filled one), or null when the member has none yet
 * @param oldTokenSecrets the token Secrets mesh-onboarder made that the current one replaced: RevokeOldReaderTokens
 *                        deletes them once every peer holds the current token
 */
public record TokenRotation(String clusterName, String tokenSecret, List<String> oldTokenSecrets) {

    public TokenRotation {
        oldTokenSecrets = oldTokenSecrets == null ? List.of() : List.copyOf(oldTokenSecrets);
    }
}
