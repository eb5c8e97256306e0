package meshonboarder.reconcile;

import meshonboarder.istio.IstioRemoval;
import meshonboarder.mesh.Member;

/**
 * A member that leaves its mesh: its EKS cluster is gone (a DeleteCluster event was missed), or its mesh tag was
 * removed or changed. CheckMembership lists it in {@code $.membership.departed}; the Departures Map carries it on,
 * and RemoveIstio writes what became of its Istio into it.
 *
 * @param clusterExists false when the cluster is gone: only the peers are cleaned, never the cluster itself
 * @param istioRemoval  RemoveIstio's outcome ({@code $.departure.istioRemoval}); null until then, and for a cluster
 *                      that is gone or stays untouched
 */
public record Departure(Member member, DepartureReason reason, boolean clusterExists, IstioRemoval istioRemoval) {

    public Departure(Member member, DepartureReason reason, boolean clusterExists) {
        this(member, reason, clusterExists, null);
    }
}
