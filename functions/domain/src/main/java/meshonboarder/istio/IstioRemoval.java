package meshonboarder.istio;

import java.util.List;
import java.util.Map;
import meshonboarder.cluster.ApplyOutcome;

/**
 * The output of {@code RemoveIstio} ({@code $.istioRemoval}): what became of mesh-onboarder's Istio on a cluster
 * that left its mesh but still exists.
 *
 * @param status    {@code REMOVED} (everything of ours is gone; a re-run finds all {@code ABSENT}), {@code KEPT}
 *                  ({@code RemoveIstioOnLeave} is false), {@code WAITING} (a peer may still hold a remote secret:
 *                  nothing touched until a re-run removes it) or {@code NOT_OURS} (istiod there was not installed
 *                  by mesh-onboarder for this mesh: nothing touched)
 * @param reason    why nothing was removed, when so
 * @param unreached the peers a remote secret was not removed from, when {@code WAITING}
 * @param objects   what happened to each object, in removal order ("helm release istiod": DELETED or ABSENT)
 */
public record IstioRemoval(Status status, String reason, List<String> unreached, Map<String, ApplyOutcome> objects) {

    /** What became of mesh-onboarder's Istio on the cluster (the {@code status} above). */
    public enum Status {
        REMOVED,
        KEPT,
        WAITING,
        NOT_OURS
    }

    public static IstioRemoval notRemoved(Status status, String reason, List<String> unreached) {
        return new IstioRemoval(status, reason, unreached, Map.of());
    }
}
