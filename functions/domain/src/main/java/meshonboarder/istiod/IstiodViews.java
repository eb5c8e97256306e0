package meshonboarder.istiod;

import meshonboarder.mesh.Member;

/**
 * Port: each member's istiod, as the reconcile and the onboarding's sync wait read it. On Kubernetes: the istiod
 * pod's metrics ({@code :15014/metrics}) through the API server's pod proxy, and a rollout restart of Deployment
 * {@code istiod}.
 */
public interface IstiodViews {

    /**
     * The member's istiod view; {@link IstiodView#unknown} when istiod has no gauge or no running pod.
     *
     * @throws meshonboarder.errors.MeshOnboarderError when the member's API server cannot be reached
     */
    IstiodView read(Member member);

    /**
     * Restarts the member's istiod (a rollout restart: a new pod template annotation), which makes it read every
     * remote secret again. Idempotent per {@code restartId}: a second call with the same id writes nothing.
     *
     * @return true when it restarted istiod now, false when this id had restarted it already (or there is none)
     */
    boolean restart(Member member, String restartId);
}
