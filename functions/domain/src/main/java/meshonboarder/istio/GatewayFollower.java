package meshonboarder.istio;

import java.util.Optional;
import meshonboarder.network.GatewayAddressType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an existing member's east-west gateway to the mesh's NLB address type: when a new member makes the
 * mesh hold both IP families, every gateway must become dualstack (Istio 1.30 sends a proxy only the gateways
 * of its own family). Only the address type changes: the release keeps its deployed chart and other values,
 * so a member onboarded with an older Istio is not upgraded behind its back. A gateway already right is left
 * alone, so a re-run writes nothing.
 */
public final class GatewayFollower {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFollower.class);

    private GatewayFollower() {
    }

    /** Empty when the member has no east-west gateway release. */
    public static Optional<ReleaseOutcome> follow(HelmReleases helm, GatewayAddressType addressType, String ref) {
        return follow(helm, helm.find(Istio.NAMESPACE, Istio.EASTWEST_RELEASE), addressType, ref);
    }

    /** The same, with the release already read ({@code current}: the east-west gateway's, empty when none). */
    public static Optional<ReleaseOutcome> follow(HelmReleases helm, Optional<DeployedRelease> current,
                                                  GatewayAddressType addressType, String ref) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        DeployedRelease release = current.get();
        if (release.pending()) {
            throw release.busy(ref);
        }
        if (release.deployed() && addressType.value().equals(GatewayValues.addressType(release.values()))) {
            return Optional.of(ReleaseOutcome.UNCHANGED);
        }
        helm.upgrade(new ReleaseRequest(release.release(), release.namespace(), release.chart(),
                GatewayValues.withAddressType(release.values(), addressType)));
        LOG.info("release {} in {}: NLB address type now {}", release.release(), ref, addressType.value());
        return Optional.of(ReleaseOutcome.UPGRADED);
    }
}
