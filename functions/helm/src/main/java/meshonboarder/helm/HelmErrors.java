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

    static MeshOnboarderError translate(RuntimeException e, String action) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String firstLine = message.strip().split("\n")[0];
        if (TRANSIENT.stream().anyMatch(message::contains)) {
            return new Transient("The cluster's API server was briefly unavailable while " + action + " ("
                    + firstLine + ").", e);
        }
        return new IstioInstallFailed("Helm failed while " + action + ": " + firstLine, e);
    }
}
