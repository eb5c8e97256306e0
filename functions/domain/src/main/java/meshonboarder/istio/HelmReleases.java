package meshonboarder.istio;

import java.util.Optional;

/** Port: Helm, pointed at one cluster ({@link HelmAccess#connect}). */
public interface HelmReleases {

    /** The latest revision of the release, in any state; empty when it was never installed. */
    Optional<DeployedRelease> find(String namespace, String release);

    /** {@code helm install}: the release must not exist. */
    void install(ReleaseRequest request);

    /** {@code helm upgrade}: the release exists; its values are replaced by the request's. */
    void upgrade(ReleaseRequest request);

    /** {@code helm uninstall}: the release's objects and its history go; one that is not there is no error. */
    void uninstall(String namespace, String release);
}
