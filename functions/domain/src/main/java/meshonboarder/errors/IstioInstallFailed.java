package meshonboarder.errors;

/** Helm could not install or upgrade an Istio release (the chart did not render, the API server refused an object, a release is stuck). Permanent until fixed. */
public final class IstioInstallFailed extends MeshOnboarderError {

    public IstioInstallFailed(String message) {
        super(message);
    }

    public IstioInstallFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
