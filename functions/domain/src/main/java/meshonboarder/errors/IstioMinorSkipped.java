package meshonboarder.errors;

/**
 * {@code IstioVersion} is more than one minor version ahead of what a member runs: Istio supports in-place
 * upgrades only to the next minor. Nothing is touched until the member has been brought through each minor.
 */
public final class IstioMinorSkipped extends MeshOnboarderError {

    public IstioMinorSkipped(String message) {
        super(message);
    }
}
