package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.errors.ClusterNotFound;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.istio.IstioReleasePolicy.Operation;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RemoveRemoteSecret}, for one peer: deletes the departing member's remote secret from it, so that its
 * istiod stops watching an API server that is gone (and forgets the reader token). Works from the membership record
 * alone: the departing cluster is usually deleted already. Asked both ways (the reconciler's departure of a cluster
 * that lives on untagged), it then also deletes the peer's remote secret from the departing cluster, so that
 * neither istiod watches the other.
 */
public final class RemoveRemoteSecretService {

    private static final Logger LOG = LoggerFactory.getLogger(RemoveRemoteSecretService.class);

    private final RemoteSecretClusters clusters;

    public RemoveRemoteSecretService(RemoteSecretClusters clusters) {
        this.clusters = clusters;
    }

    /**
     * @param member   the departing member
     * @param peer     a member that may hold its remote secret
     * @param bothWays also take the peer's remote secret out of the departing member's cluster (which must exist)
     */
    public RemovalResult remove(Member member, Member peer, boolean bothWays) {
        ApplyOutcome secret = delete(peer, member.clusterName(), true);
        LOG.info("remote secret of {} in {}: {}", member.clusterName(), peer.clusterName(), secret);
        ApplyOutcome peerSecret = null;
        if (bothWays) {
            // the departing cluster leaves the mesh: what its own istiod makes of the removal no longer matters
            peerSecret = delete(member, peer.clusterName(), false);
            LOG.info("remote secret of {} in {}: {}", peer.clusterName(), member.clusterName(), peerSecret);
        }
        return new RemovalResult(peer, RemovalStatus.REMOVED, secret, peerSecret);
    }

    /**
     * @param staying the holder stays in the mesh: on a release that mishandles a departure
     *                ({@link IstioReleasePolicy}) the deletion is refused with {@code IstioReleaseKnownBad}, which the
     *                Map's Catch records for this peer; the member is retired once a later run, after the rollout
     *                upgraded the peer, removes it
     */
    private ApplyOutcome delete(Member holder, String subject, boolean staying) {
        try (RemoteSecretClusters.Connection connection = clusters.connect(holder.region(), holder.clusterName())) {
            if (staying) {
                String where = holder.meshId() + "/" + holder.clusterName();
                IstioReleasePolicy.refuse(Operation.DEPARTURE, connection.istiodVersion(where),
                        "deleting istio-remote-secret-" + subject, where);
            }
            return connection.deleteRemoteSecret(subject);
        } catch (ClusterNotFound gone) {
            // the holder was deleted since it was listed: its secrets went with it
            return ApplyOutcome.ABSENT;
        }
    }
}
