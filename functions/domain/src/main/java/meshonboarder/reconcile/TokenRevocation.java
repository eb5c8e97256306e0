package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code RevokeOldReaderTokens} for one member (an item of {@code $.revocations}).
 *
 * @param revoked the old token Secrets deleted (their tokens no longer work)
 * @param kept    the old token Secrets kept because a peer does not hold the current token yet
 * @param reason  why they were kept (the peers that hold another token or could not be read), or null
 */
public record TokenRevocation(String clusterName, List<String> revoked, List<String> kept, String reason) {
}
