package meshonboarder.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Objects;
import meshonboarder.remote.ApiServer;

/**
 * The bearer token of a cluster's {@code istio-reader-service-account}: a credential that reads the whole cluster.
 * Not a record, so that no {@code toString} ever prints it; it leaves this class only into a kubeconfig or a client's
 * configuration.
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

    String value() {
        return value;
    }

    /** SHA-256 of the token, to compare it with the token a remote secret holds. */
    public String digest() {
        return Digests.sha256(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The configuration of a client that calls {@code server} with this token and nothing from the environment. */
    public Config clientConfig(ApiServer server) {
        return new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl(server.endpoint())
                .withCaCertData(server.certificateAuthority())
                .withOauthToken(value)
                .build();
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
