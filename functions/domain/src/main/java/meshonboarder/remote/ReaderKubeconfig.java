package meshonboarder.remote;

/**
 * What a cluster's remote secret carries: the kubeconfig with which istiod in every other member reads
 * {@code clusterName} as its reader. The adapter writes it in istioctl's layout; prints without the token.
 *
 * @param clusterName the cluster it reads, which is also Istio's cluster name for it
 * @param server      its API server, as the other members' istiod reach it
 * @param token       its reader's bearer token
 */
public record ReaderKubeconfig(String clusterName, ApiServer server, ReaderToken token) {

    /**
     * The subject's kubeconfig, the one both ExchangeRemoteSecrets and RepairRemoteSecrets write: the subject's
     * reader identity ensured (a member onboarded before the reader existed catches up) and its token
     * ({@link meshonboarder.errors.Transient} until filled), with {@code server}.
     *
     * @param subject a connection to the subject
     * @param where   the subject, for messages ("mesh1/eks-2")
     */
    public static ReaderKubeconfig of(RemoteSecretClusters.Connection subject, String clusterName, ApiServer server,
                                      String where) {
        return new ReaderKubeconfig(clusterName, server, subject.ensureReader(where).filledToken(where));
    }
}
