package meshonboarder.istio;

import java.util.Optional;

/** Port: credentials for an OCI chart registry, as the base64 {@code user:password} of HTTP basic auth. */
@FunctionalInterface
public interface RegistryCredentials {

    RegistryCredentials ANONYMOUS = host -> Optional.empty();

    Optional<String> basic(String host);
}
