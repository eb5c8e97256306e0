package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code PlanReconcile} ({@code $.plan}): which meshes this execution reconciles, one after the other.
 *
 * @param meshes  the meshes; empty when there is nothing to do (an untagged cluster that was no member)
 * @param trigger what started the execution; the {@code Mesh Reconciled} event carries it
 */
public record ReconcilePlan(List<String> meshes, ReconcileTrigger trigger) {
}
