package meshonboarder.istiod;

/**
 * A pair of members that {@code holder}'s istiod does not report {@code synced}: {@code status} is the gauge's
 * status label of {@code subject} ({@code syncing}, {@code timeout}, {@code closed}), or {@code absent} when that
 * istiod does not manage the subject at all.
 */
public record UnsyncedPair(String holder, String subject, String status) {

    /** The pair as {@code holder}'s view says it, or null when it reports {@code subject} synced. */
    public static UnsyncedPair of(IstiodView holder, String subject) {
        SyncStatus status = holder.status(subject);
        return status == SyncStatus.SYNCED ? null
                : new UnsyncedPair(holder.holder(), subject, status == null ? "absent" : status.label());
    }

    @Override
    public String toString() {
        return holder + " -> " + subject + " (" + status + ")";
    }
}
