package meshonboarder.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A cluster's name in the mesh (docs/design.md, "A name unique across accounts and regions"). Istio knows a cluster
 * by one name: {@code clusterName} in istiod's values, the remote secret {@code istio-remote-secret-<name>} and its
 * data key, the membership key. EKS names are unique only within an account and region, so:
 * <ul>
 *   <li>a cluster of the hub's account keeps its EKS name, as before accounts were read, so existing members keep
 *       their names, remote secrets and CA secrets (two hub clusters of one name in two regions still meet
 *       {@code ClusterNameTaken});</li>
 *   <li>a cluster of another account is {@code <base>-<hash>}: the EKS name lower-cased with {@code _} as {@code -},
 *       cut to 54 characters, then 8 hex digits of SHA-256 of {@code <account>/<region>/<EKS name>}. That is a
 *       DNS-1123 label (at most 63 lower-case letters, digits and {@code -}, a letter or digit at both ends), which
 *       Secret names and label values accept, stable for the cluster's life, and apart from any other cluster's but
 *       for a 1 in 2^32 chance that {@code ClusterNameTaken} still guards.</li>
 * </ul>
 */
public final class MeshNames {

    static final int BASE_LENGTH = 54;
    private static final int HASH_HEX_DIGITS = 8;

    private MeshNames() {
    }

    /**
     * @param hubAccount the hub's account; null when unknown, then every cluster is taken for the hub's
     * @param account    the cluster's account (from its ARN); null or empty: the hub's
     */
    public static String of(String hubAccount, String account, String region, String eksName) {
        if (hubAccount == null || account == null || account.isEmpty() || account.equals(hubAccount)) {
            return eksName;
        }
        return ofAnotherAccount(account, region, eksName);
    }

    /** The name of a cluster that is not the hub's: {@code <base>-<hash>}. */
    public static String ofAnotherAccount(String account, String region, String eksName) {
        String base = eksName.toLowerCase(Locale.ROOT).replace('_', '-');
        if (base.length() > BASE_LENGTH) {
            base = base.substring(0, BASE_LENGTH);
        }
        // EKS names start with a letter or digit; a cut may leave '-' at the end, which the '-' before the hash doubles
        base = base.replaceAll("-+$", "");
        return base + "-" + hash(account + "/" + region + "/" + eksName);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
