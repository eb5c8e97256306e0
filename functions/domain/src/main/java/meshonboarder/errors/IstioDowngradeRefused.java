package meshonboarder.errors;

/**
 * {@code IstioVersion} is older than what a member runs (most likely a stale template or a typo). A downgrade
 * would leave the proxies the newer istiod injected running against an older control plane: it is an
 * operator's decision, made by hand, never a reconcile's.
 */
public final class IstioDowngradeRefused extends MeshOnboarderError {

    public IstioDowngradeRefused(String message) {
        super(message);
    }
}
