package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.mesh.Member;

/**
 * The remote secrets between the new cluster and one peer ({@code $.exchanged} of the peer's Map item). The item's
 * last state, PeerMeshed, puts it into {@code $.exchange} with what FollowGateway did to the peer's gateway; the Map's
 * Catch writes {@code {peer, status: "UNREACHED", error, cause}} instead for a peer that stayed unreachable.
 *
 * @param status      {@link ExchangeStatus#EXCHANGED}
 * @param intoCluster what happened to {@code istio-remote-secret-<peer>} in the new cluster
 * @param intoPeer    what happened to {@code istio-remote-secret-<new cluster>} in the peer
 */
public record ExchangeResult(Member peer, ExchangeStatus status, ApplyOutcome intoCluster, ApplyOutcome intoPeer) {
}
