package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.mesh.Member;

/**
 * One item of {@code $.removal}: the departing member's remote secret taken out of one peer, and, both ways, the
 * peer's out of the departing member. The Map's Catch writes {@code {peer, status: UNREACHED, error, cause}} instead
 * for a peer that stayed unreachable.
 *
 * @param secret     {@code istio-remote-secret-<member>} in the peer: {@link ApplyOutcome#DELETED} or
 *                   {@link ApplyOutcome#ABSENT}
 * @param peerSecret {@code istio-remote-secret-<peer>} in the member, when asked both ways; null otherwise
 */
public record RemovalResult(Member peer, RemovalStatus status, ApplyOutcome secret, ApplyOutcome peerSecret) {
}
