package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code CheckRemoteSecrets} ({@code $.remoteSecrets}). Names, reasons and counts only: no token,
 * kubeconfig or digest, and no pair. Each broken subject's holders are in {@link MeshChecks}, so the state grows with
 * the members, not with the pairs (a mesh of 200 whose every pair broke: 200 repairs of 199 holders each, not 39,800
 * names).
 *
 * @param checked     members read
 * @param repairs     the subjects with broken pairs, for the RepairRemoteSecrets Map: one item per subject
 * @param unreachable members that could not be read, with the reason; their pairs are not judged
 * @param cas         each reachable member's CA validity
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
