package meshonboarder.reconcile;

import java.util.List;
import java.util.Map;
import meshonboarder.mesh.Member;

/**
 * One item of {@code $.remoteSecrets.repairs}: a subject whose remote secret is broken in some holders, rewritten
 * there by one {@code RepairRemoteSecrets} call. One item per subject, not per pair, so that a mesh whose every pair
 * broke at once (every reader token rotated the same day) stays within Step Functions' 256 KiB state and 25,000
 * history events: 50 members make at most 50 items, not 2,450.
 *
 * @param holdersByProblem the holders to rewrite, by what was wrong, names only
 */
public record SecretRepair(Member subject, Map<PairProblem, List<String>> holdersByProblem) {

    /** Every holder to rewrite, in the order found. */
    public List<String> holders() {
        return holdersByProblem.values().stream().flatMap(List::stream).toList();
    }
}
