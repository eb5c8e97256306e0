package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.discovery.MeshDiscovery;

/**
 * What one mesh's ReconcileEachMesh iteration gathered before ReportReconcile, each as its Map or step left it
 * (ReportReconcile's Parameters nest them under {@code results}). A Map with nothing to do leaves an empty list.
 *
 * @param istio        CheckIstio's rollout list and refusals, or IstioNotChecked's empty one; null when not checked
 * @param istioRollout the rollout's end; null when not run
 * @param istiodRestarts the holders whose istiod CheckRemoteSecrets restarted in this run
 * @param discovery    DiscoverClusters' finding for this mesh; null when the run did not look
 */
public record ReconcileResults(List<DepartureResult> departures, List<EnsuredMember> ensured, List<EnsuredCa> cas,
                               List<RepairedSubject> repaired, List<RotatedMember> rotations,
                               List<RevokedTokens> revocations, IstioCheck istio, IstioRollout istioRollout,
                               List<String> istiodRestarts, MeshDiscovery discovery) {

    public ReconcileResults {
        departures = departures == null ? List.of() : List.copyOf(departures);
        ensured = ensured == null ? List.of() : List.copyOf(ensured);
        cas = cas == null ? List.of() : List.copyOf(cas);
        repaired = repaired == null ? List.of() : List.copyOf(repaired);
        rotations = rotations == null ? List.of() : List.copyOf(rotations);
        revocations = revocations == null ? List.of() : List.copyOf(revocations);
        istiodRestarts = istiodRestarts == null ? List.of() : List.copyOf(istiodRestarts);
    }

    /** Nothing gathered: a mesh whose every step had nothing to do. */
    public static ReconcileResults none() {
        return new ReconcileResults(null, null, null, null, null, null, null, null, null, null);
    }
}
