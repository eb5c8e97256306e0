package meshonboarder.reconcile;

import meshonboarder.mesh.Member;

/**
 * Port: one member read for the remote-secret check, with a fixed number of calls whatever the mesh size (on
 * Kubernetes: one LIST of the {@code istio-system} Secrets and one read with the member's own reader token).
 */
public interface MemberReader {

    /**
     * @throws meshonboarder.errors.MeshOnboarderError when the member cannot be read (it is then reported as
     *                                                 unreachable)
     */
    MemberView read(Member member);
}
