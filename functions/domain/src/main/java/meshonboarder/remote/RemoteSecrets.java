package meshonboarder.remote;

import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.mesh.Member;

/** Port: the remote secrets a member's cluster holds ({@code istio-remote-secret-<subject>} in its istio-system). */
public interface RemoteSecrets {

    /**
     * Deletes {@code holder}'s remote secret of {@code subject}.
     *
     * @return {@link ApplyOutcome#DELETED}, or {@link ApplyOutcome#ABSENT} when there was none, or the holder's
     *         cluster is gone with its secrets
     * @throws meshonboarder.errors.MeshOnboarderError when the holder cannot be reached ({@code Transient}) or refuses
     */
    ApplyOutcome delete(Member holder, String subject);
}
