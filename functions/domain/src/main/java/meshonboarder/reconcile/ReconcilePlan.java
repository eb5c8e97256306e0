package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.discovery.MeshDiscovery;

/**
 * The output of {@code PlanReconcile} ({@code $.plan}): which meshes this execution covers.
 *
 * @param meshes    the meshes; empty when there is nothing to do (an untagged cluster that was no member)
 * @param trigger   what started the execution; the {@code Mesh Reconciled} event carries it
 * @param fanOut    a run for every mesh (schedule, deploy): it reconciles none itself, it starts one child execution
 *                  per mesh ({@code StartEachMesh}), so a large mesh's history and state are its own
 * @param discovery in a child, its mesh's discovery as the run that started it made it (then nothing is listed again
 *                  and nothing is started); null otherwise
 */
public record ReconcilePlan(List<String> meshes, ReconcileTrigger trigger, boolean fanOut, MeshDiscovery discovery) {

    public ReconcilePlan {
        meshes = List.copyOf(meshes);
    }

    /** A plan that reconciles its meshes itself, one after the other. */
    public ReconcilePlan(List<String> meshes, ReconcileTrigger trigger) {
        this(meshes, trigger, false, null);
    }
}
