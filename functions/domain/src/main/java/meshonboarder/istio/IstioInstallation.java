package meshonboarder.istio;

import java.util.List;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.network.GatewayAddressType;

/**
 * What {@code InstallIstio} did, stored at {@code $.istio}; {@code WaitIstioReady} reads it. Nothing secret.
 *
 * @param version             the Istio chart version of every release
 * @param network             the Istio network of the cluster ({@code global.network}, the namespace label)
 * @param eastWestGateway     an east-west gateway was installed (multi-network): readiness waits for its NLB
 * @param ingressGateway      an ingress gateway was installed
 * @param releases            the releases in installation order, with what this run did to each
 * @param crossNetworkGateway what this run did to the {@code cross-network-gateway} Gateway; absent on a
 *                            single network
 * @param gatewayAddressType  the address type of the east-west gateway installed; null when there is none (single
 *                            network). RegisterMember keeps it in the membership record.
 */
public record IstioInstallation(String version, String network, boolean eastWestGateway, boolean ingressGateway,
                                List<ReleaseResult> releases, ApplyOutcome crossNetworkGateway,
                                GatewayAddressType gatewayAddressType) {

    public IstioInstallation {
        releases = releases == null ? List.of() : List.copyOf(releases);
    }
}
