package meshonboarder.cluster;

import java.util.regex.Pattern;

/** What EKS accepts as a cluster name and what AWS names its regions, checked in one place. */
public final class EksNames {

    /**
     * EKS cluster names: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit (the
     * CreateCluster API's {@code name} constraint). They also become kubeconfig names and Secret data keys.
     */
    public static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,99}");

    /** Region codes such as {@code us-east-1} or {@code us-gov-west-1}. */
    public static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private EksNames() {
    }

    /** The account of an EKS ARN ({@code arn:aws:eks:us-east-1:123456789012:cluster/eks-1}); empty when it has none. */
    public static String accountOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }
}
