package meshonboarder.cni;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon VPC CNI release, read from a managed add-on version ({@code v1.19.2-eksbuild.1}) or from the
 * {@code aws-node} image tag ({@code .../amazon-k8s-cni:v1.19.2-eksbuild.1}).
 */
public record CniVersion(int major, int minor, int patch) implements Comparable<CniVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?");
    private static final Comparator<CniVersion> ORDER = Comparator.comparingInt(CniVersion::major)
            .thenComparingInt(CniVersion::minor).thenComparingInt(CniVersion::patch);

    /** The release named by an add-on version or image tag; empty when it names none (a digest, "latest"). */
    public static Optional<CniVersion> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CniVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** The tag of an image reference ({@code registry/repo:tag}, maybe {@code @sha256:...}), or null. */
    public static String tagOf(String image) {
        if (image == null) {
            return null;
        }
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? null : last.substring(colon + 1);
    }

    /**
     * Whether {@code ENABLE_V6_EGRESS} makes aws-node fail on a node whose primary ENI has no IPv6 address: the
     * egress setup returned an error there (cmd/aws-vpc-cni/main.go) until aws/amazon-vpc-cni-k8s pull request
     * 2754 turned it into a warning, released in v1.16.3 and v1.17.1 (checked against the release tags: v1.16.2
     * returns the error, v1.16.3, v1.16.4 and v1.17.1 warn; v1.17.0 has no tag and predates the change there).
     */
    public static boolean failsV6EgressOnIpv4Nodes(CniVersion version) {
        return version.olderThan(new CniVersion(1, 16, 3)) || version.equals(new CniVersion(1, 17, 0));
    }

    public boolean olderThan(CniVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(CniVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
