package meshonboarder.errors;

/**
 * A CA certificate or key that mesh-onboarder finds in Secrets Manager cannot serve the mesh: malformed, not a
 * CA, a key that does not match, expired, or scheduled for deletion. Permanent: fix the secret. The message
 * names the secret and the defect, never the material.
 */
public final class InvalidCa extends MeshOnboarderError {

    public InvalidCa(String message) {
        super(message);
    }

    public InvalidCa(String message, Throwable cause) {
        super(message, cause);
    }
}
