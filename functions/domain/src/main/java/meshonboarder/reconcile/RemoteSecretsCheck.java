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
 */
public record RemoteSecretsCheck(String meshId, int checked, List<SecretRepair> repairs, List<Unreachable> unreachable,
                                 List<MemberView.CaValidity> cas, int maxConcurrency) {

    public record Unreachable(String clusterName, String reason) {
    }
}
