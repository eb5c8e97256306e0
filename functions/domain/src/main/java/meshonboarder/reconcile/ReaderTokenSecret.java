package meshonboarder.reconcile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One long-lived token Secret of a member's {@code istio-reader-service-account}, as the rotation sees it: no token,
 * only its digest.
 *
 * @param created     the Secret's {@code creationTimestamp} (set by the API server, never changed)
 * @param tokenDigest SHA-256 of its token, or null while the token controller has not filled it
 * @param managed     whether mesh-onboarder made it (only those are ever revoked)
 */
public record ReaderTokenSecret(String name, Instant created, String tokenDigest, boolean managed) {

    /**
     * Newest first; among Secrets made in the same second (creationTimestamp has seconds), the name that sorts last:
     * a rotated Secret's name ends with the moment it was issued, so it sorts after the one it replaces.
     */
    private static final Comparator<ReaderTokenSecret> NEWEST_FIRST = Comparator
            .comparing(ReaderTokenSecret::created, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ReaderTokenSecret::name, Comparator.reverseOrder());

    public boolean filled() {
        return tokenDigest != null;
    }

    /**
     * The reader's current token: the newest filled one, so that a new token replaces the old one everywhere once the
     * token controller has filled it; without a filled one, the newest (not ready yet). Every reader of the token
     * (the exchange, the remote-secret check, the rotation) chooses with this.
     */
    public static Optional<ReaderTokenSecret> current(List<ReaderTokenSecret> secrets) {
        Optional<ReaderTokenSecret> filled = secrets.stream().filter(ReaderTokenSecret::filled).min(NEWEST_FIRST);
        return filled.isPresent() ? filled : secrets.stream().min(NEWEST_FIRST);
    }

    /** The Secrets mesh-onboarder made that the current one replaced: revoked once every peer holds the current. */
    public static List<ReaderTokenSecret> replaced(List<ReaderTokenSecret> secrets) {
        Optional<ReaderTokenSecret> current = current(secrets);
        if (current.isEmpty() || !current.get().filled()) {
            return List.of();
        }
        return secrets.stream().filter(s -> s.managed() && !s.equals(current.get())
                && NEWEST_FIRST.compare(s, current.get()) > 0).sorted(NEWEST_FIRST).toList();
    }
}
