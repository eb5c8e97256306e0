package meshonboarder.helm;

import java.util.Optional;

/** Credentials for an OCI registry, as the base64 {@code user:password} of HTTP basic auth. */
@FunctionalInterface
public interface RegistryCredentials {

    RegistryCredentials ANONYMOUS = host -> Optional.empty();

    Optional<String> basic(String host);
}
