package meshonboarder.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output of {@code CheckRemoteSecrets} ({@code $.remoteSecrets}). Names, reasons and counts only: no token,
 * kubeconfig or digest, and no pair. Each broken subject's holders are in {@link MeshChecks}, so the state grows with
 * the members, not with the pairs (a mesh of 200 whose every pair broke: 200 repairs of 199 holders each, not 39,800
 * names).
 *
 * @param checked     members read
 * @param repairs     the subjects with broken pairs, for the RepairRemoteSecrets Map: one item per subject
 * @param unreachable members that could not be read, with the reason; their pairs are not judged
 * @param cas         the CA validity of the reachable members whose intermediate, and whose root, expire first (one
 *                    or two items, not one per member: all ReportReconcile needs of them)
 * @param istiod      each member's istiod view: pairs not synced (counted), orphans, unknown views, restarts
 */
public record RemoteSecretsCheck(String meshId, int checked, List<Repair> repairs, List<Unreachable> unreachable,
                                 List<MemberView.CaValidity> cas, int maxConcurrency, IstiodCheck istiod) {

    public RemoteSecretsCheck {
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        istiod = istiod == null ? IstiodCheck.none() : istiod;
    }

    public RemoteSecretsCheck(String meshId, int checked, List<Repair> repairs, List<Unreachable> unreachable,
                              List<MemberView.CaValidity> cas, int maxConcurrency) {
        this(meshId, checked, repairs, unreachable, cas, maxConcurrency, IstiodCheck.none());
    }

    /**
     * Of every member's CA validity, the one whose intermediate expires first and the one whose root does (the same
     * item when one member has both): the mesh's first expiry and its root warning, without a list that grows with
     * the mesh.
     */
    static List<MemberView.CaValidity> firstToExpire(List<MemberView.CaValidity> all) {
        Optional<MemberView.CaValidity> intermediate = all.stream().filter(ca -> ca.intermediateNotAfter() != null)
                .min(Comparator.comparing(MemberView.CaValidity::intermediateNotAfter));
        Optional<MemberView.CaValidity> root = all.stream().filter(ca -> ca.rootNotAfter() != null)
                .min(Comparator.comparing(MemberView.CaValidity::rootNotAfter));
        return Stream.of(intermediate, root).flatMap(Optional::stream).distinct().toList();
    }

    /** The broken pairs, counted from the repairs. */
    public int brokenPairs() {
        return repairs.stream().mapToInt(Repair::holders).sum();
    }

    /**
     * One item of {@code $.remoteSecrets.repairs}: a subject whose remote secret is broken in {@code holders}
     * holders, which RepairRemoteSecrets reads from the subject's {@link SubjectFindings}.
     */
    public record Repair(String subject, int holders) {
    }

    public record Unreachable(String clusterName, String reason) {
    }
}
