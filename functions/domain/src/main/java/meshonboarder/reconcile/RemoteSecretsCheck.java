package meshonboarder.reconcile;

import java.util.List;

/**
 * The output of {@code CheckRemoteSecrets} ({@code $.remoteSecrets}). Names and reasons only: no token, kubeconfig
 * or digest.
 *
 * @param checked     members read
 * @param repairs     the broken pairs, one item per subject, for the RepairRemoteSecrets Map
 * @param unreachable members that could not be read, with the reason; their pairs are not judged
 * @param cas         each reachable member's CA validity
 * @param istiod      each member's istiod view: pairs not synced, orphans, unknown views, restarts
 */
public record RemoteSecretsCheck(String meshId, int checked, List<SecretRepair> repairs, List<Unreachable> unreachable,
                                 List<MemberView.CaValidity> cas, int maxConcurrency, IstiodCheck istiod) {

    public RemoteSecretsCheck {
        istiod = istiod == null ? IstiodCheck.none() : istiod;
    }

    public RemoteSecretsCheck(String meshId, int checked, List<SecretRepair> repairs, List<Unreachable> unreachable,
                              List<MemberView.CaValidity> cas, int maxConcurrency) {
        this(meshId, checked, repairs, unreachable, cas, maxConcurrency, IstiodCheck.none());
    }

    public record Unreachable(String clusterName, String reason) {
    }
}
