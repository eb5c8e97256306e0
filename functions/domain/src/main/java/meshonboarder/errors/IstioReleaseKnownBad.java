package meshonboarder.errors;

/**
 * An Istio release that mishandles mesh-onboarder's own changes to remote secrets (see
 * {@code meshonboarder.istio.IstioReleasePolicy}): {@code IstioVersion} is one (an onboarding or a rollout is
 * refused before any write), or a holder's istiod runs one (its rotation rewrite or its removal is refused until it
 * is upgraded).
 */
public final class IstioReleaseKnownBad extends MeshOnboarderError {

    public IstioReleaseKnownBad(String message) {
        super(message);
    }
}
