package meshonboarder.secrets;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Port: where CA secrets are kept (Secrets Manager). Metadata and value are read separately so that a step that
 * only retires a secret never needs permission to read it.
 */
public interface SecretStore {

    /** The secret's metadata, or empty when no secret has that name (one scheduled for deletion still counts). */
    Optional<Metadata> describe(String name);

    /** The current value, or empty when the secret has none yet. */
    Optional<String> currentValue(String arn);

    /**
     * Creates the secret with its first value; returns its ARN, or empty when a secret of that name exists
     * already. This is the race arbiter: of two callers creating the same name, exactly one gets an ARN.
     */
    Optional<String> create(String name, String value, Map<String, String> tags);

    /** A new current value for an existing secret. */
    void putValue(String arn, String value);

    /** Adds tags (existing tags of other keys stay). */
    void tag(String arn, Map<String, String> tags);

    /** Cancels a scheduled deletion. */
    void restore(String arn);


    /**
     * @param deletedDate when deletion was requested, null unless the secret is scheduled for deletion
     */
    record Metadata(String arn, String name, Map<String, String> tags, Instant deletedDate) {

        public Metadata {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }

        public boolean scheduledForDeletion() {
            return deletedDate != null;
        }
    }
}
