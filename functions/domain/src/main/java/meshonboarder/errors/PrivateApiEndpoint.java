package meshonboarder.errors;

/**
 * A cluster's API endpoint is private only, and the mesh is not declared to have a private network path between
 * its members ({@code PRIVATE_API_ENDPOINTS}): istiod in the other clusters could not reach it. Permanent until
 * the endpoint access or the setting changes.
 */
public final class PrivateApiEndpoint extends MeshOnboarderError {

    public PrivateApiEndpoint(String message) {
        super(message);
    }

    public PrivateApiEndpoint(String message, Throwable cause) {
        super(message, cause);
    }
}
