package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.mesh.Member;

/**
 * One item of {@code $.removal}: the departing member's remote secret taken out of one peer. The Map's Catch writes
 * {@code {peer, status: "UNREACHED", error, cause}} instead for a peer that stayed unreachable.
 *
 * @param status {@code REMOVED}
 * @param secret {@link ApplyOutcome#DELETED} or {@link ApplyOutcome#ABSENT}
 */
public record RemovalResult(Member peer, String status, ApplyOutcome secret) {

    public static final String REMOVED = "REMOVED";
}
