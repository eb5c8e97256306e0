package meshonboarder.istio;

import java.util.Objects;
import java.util.Optional;

/**
 * How a deployed release differs from what the onboarding would install today, in the words of a report; the same
 * comparison {@link ReleaseReconciler} makes before it upgrades, so a release without drift is one InstallIstio would
 * leave alone.
 */
public final class ReleaseDrift {

    private ReleaseDrift() {
    }

    /** Empty when the release is as desired; {@code current} empty when the release is not installed. */
    public static Optional<String> of(Optional<DeployedRelease> current, ReleaseRequest desired) {
        if (current.isEmpty()) {
            return Optional.of(desired.release() + " not installed");
        }
        DeployedRelease release = current.get();
        if (!release.deployed()) {
            return Optional.of(desired.release() + " is " + release.status());
        }
        if (ReleaseReconciler.matches(release, desired)) {
            return Optional.empty();
        }
        if (!release.chart().equals(desired.chart())) {
            return Optional.of(desired.release() + " " + release.chart().version() + " -> " + desired.chart().version());
        }
        String from = GatewayValues.addressType(release.values());
        String to = GatewayValues.addressType(desired.values());
        if (Istio.EASTWEST_RELEASE.equals(desired.release()) && !Objects.equals(from, to)) {
            // a member kept its single-family NLB in a mesh that holds both families (switched by hand, or cut off)
            return Optional.of(desired.release() + " NLB " + from + " -> " + to);
        }
        return Optional.of(desired.release() + " values");
    }
}
