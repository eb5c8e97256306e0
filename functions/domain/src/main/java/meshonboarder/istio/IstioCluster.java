package meshonboarder.istio;

import meshonboarder.cluster.ApplyOutcome;

/**
 * One cluster's Istio: the objects mesh-onboarder writes beside the Helm releases, and Helm there ({@link
 * IstioClusters#open}). Every write reads first, so that a re-run that finds everything in place writes nothing.
 */
public interface IstioCluster extends AutoCloseable {

    /**
     * {@code istio-system} with the network label ({@link Istio#NETWORK_LABEL}), created when missing; its other labels
     * are left as they are.
     */
    ApplyOutcome labelNamespace(String network);

    /**
     * The {@link Istio#CROSS_NETWORK_GATEWAY} Gateway as Istio's multi-network guide writes it: port 15443, mTLS passed
     * through by SNI ({@code AUTO_PASSTHROUGH}) for every {@code *.local} service, on the east-west gateway's pods.
     * Only its spec is mesh-onboarder's: labels and annotations others add stay.
     */
    ApplyOutcome applyCrossNetworkGateway();

    /** Deletes the cross-network Gateway if mesh-onboarder made it; another's, or none, is {@code ABSENT}. */
    ApplyOutcome deleteCrossNetworkGateway();

    /** Deletes the {@link Istio#CACERTS} Secret if mesh-onboarder made it; another's, or none, is {@code ABSENT}. */
    ApplyOutcome deleteCacerts();

    /** Helm on this cluster. */
    HelmReleases releases();

    @Override
    void close();
}
