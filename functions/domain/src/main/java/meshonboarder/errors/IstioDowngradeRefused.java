package meshonboarder.errors;

/**
 * {@code IstioVersion} is older than what a member runs. Helm would roll istiod back but keep the newer CRDs
 * of the base chart, and the proxies already injected stay newer than their control plane: a downgrade is
 * an operator's decision, made by hand, never a reconcile's.
 */
public final class IstioDowngradeRefused extends MeshOnboarderError {

    public IstioDowngradeRefused(String message) {
        super(message);
    }
}
