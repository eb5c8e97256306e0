package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code PlanReconcile} ({@code $.plan}): which meshes this execution reconciles, one after the other.
 *
 * @param meshes  the meshes; empty when there is nothing to do (an untagged cluster that was no member)
 * @param trigger {@code manual}, {@code schedule}, {@code untag} or {@code peers-unreached}
 */
public record ReconcilePlan(List<String> meshes, String trigger) {
}
