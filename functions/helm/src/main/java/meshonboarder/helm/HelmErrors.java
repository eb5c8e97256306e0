package meshonboarder.helm;

import java.util.List;
import meshonboarder.errors.IstioInstallFailed;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.errors.Transient;

/**
 * Helm reports failures as text (helm-java throws IllegalStateException with Helm's error). An API server
 * that is briefly away is {@link Transient}; anything else (a chart that does not render, an object the
 * API server refuses) is {@link IstioInstallFailed}, with Helm's first line, which names the object.
 */
final class HelmErrors {

    private static final List<String> TRANSIENT = List.of("Kubernetes cluster unreachable", "connection refused",
            "i/o timeout", "TLS handshake timeout", "connection reset", "the server is currently unable",
            "Too Many Requests", "etcdserver: request timed out", "context deadline exceeded", "unexpected EOF");

    private HelmErrors() {
    }

    /**
     * Another Helm client is changing the release: its latest revision is pending (errPending, helm/helm
     * pkg/action/action.go), or it wrote the revision this client was about to write (ErrReleaseExists,
     * pkg/storage/driver/driver.go). Two onboardings at once can both switch one member's gateway this way.
     */
    private static final List<String> BUSY = List.of("another operation (install/upgrade/rollback) is in progress",
            "release: already exists");

    static MeshOnboarderError translate(RuntimeException e, String action) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String firstLine = message.strip().split("\n")[0];
        if (BUSY.stream().anyMatch(message::contains)) {
            return new Transient("Helm found the release busy while " + action + " (" + firstLine + "): another "
                    + "onboarding may be changing it now, so this step is retried. If it stays so, an earlier run was "
                    + "cut off: roll the release back with 'helm rollback', then start onboarding again.", e);
        }
        if (TRANSIENT.stream().anyMatch(message::contains)) {
            return new Transient("The cluster's API server was briefly unavailable while " + action + " ("
                    + firstLine + ").", e);
        }
        return new IstioInstallFailed("Helm failed while " + action + ": " + firstLine, e);
    }
}
