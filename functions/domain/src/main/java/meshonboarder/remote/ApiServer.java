package meshonboarder.remote;

/**
 * Where a cluster's Kubernetes API server is and which CA signs it, as another cluster's istiod must be told.
 *
 * @param endpoint             the API endpoint URL ({@code https://...})
 * @param certificateAuthority the cluster CA as EKS gives it: base64 of PEM (public, not a secret)
 * @param publicAccess         whether the endpoint answers from the internet; false means a private network path
 *                             is the only way to it
 */
public record ApiServer(String endpoint, String certificateAuthority, boolean publicAccess) {
}
