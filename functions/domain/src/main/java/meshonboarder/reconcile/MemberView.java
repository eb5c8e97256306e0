package meshonboarder.reconcile;

import java.time.Instant;
import java.util.Map;

/**
 * One member as the remote-secret check read it: its API server (from EKS), its reader token, and the remote
 * secrets it holds, from one LIST of its {@code istio-system} Secrets. Digests (SHA-256) stand for the CA and the
 * tokens so that they can be compared; this record stays inside the check and never reaches the execution state.
 *
 * @param unreachable   why the member could not be read, or null
 * @param tokenDigest   digest of its current reader token, or null when it has none (its token Secret was deleted)
 * @param tokenAccepted whether its API server accepted that token on one authenticated read; null when not tried
 * @param held          the remote secrets it holds, by the cluster they point at
 * @param ca            its plugged-in CA's validity, or null without {@code cacerts}
 */
public record MemberView(String clusterName, String unreachable, String endpoint, String caDigest, String tokenDigest,
                         Boolean tokenAccepted, Map<String, Held> held, CaValidity ca) {

    /** A remote secret as a holder has it. Null fields: the kubeconfig could not be read. */
    public record Held(String endpoint, String caDigest, String tokenDigest) {
    }

    public static MemberView unreachable(String clusterName, String reason) {
        return new MemberView(clusterName, reason, null, null, null, null, Map.of(), null);
    }

    public boolean reachable() {
        return unreachable == null;
    }

    /** When the member's plugged-in CA and its root expire. */
    public record CaValidity(String clusterName, Instant intermediateNotAfter, Instant rootNotAfter) {
    }
}
