package meshonboarder.remote;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bearer token of a cluster's {@code istio-reader-service-account}: a credential that reads the whole cluster.
 * Not a record, so that no {@code toString} ever prints it; {@link #value()} is for the one adapter that writes it
 * into a kubeconfig or a client's configuration, nothing else.
 */
public final class ReaderToken {

    private final String value;

    private ReaderToken(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when blank or not one line of visible ASCII (never quoting the value) */
    public static ReaderToken of(String value) {
        if (value == null || value.isBlank() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a reader token must be one line of visible ASCII characters");
        }
        return new ReaderToken(value);
    }

    /** The token itself: only into a kubeconfig or a client's configuration, never into a log or a message. */
    public String value() {
        return value;
    }

    /** SHA-256 of the token, to compare it with the token a remote secret holds. */
    public String digest() {
        return Digests.sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReaderToken token && token.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ReaderToken[redacted]";
    }
}
