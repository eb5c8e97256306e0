package meshonboarder.istio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.errors.IstioDowngradeRefused;
import meshonboarder.errors.IstioMinorSkipped;

/**
 * Which version steps an in-place upgrade may take. Istio supports an in-place (or canary) upgrade only from the
 * previous minor version: "The installed Istio version is no more than one minor version less than the upgrade
 * version" (https://istio.io/latest/docs/setup/upgrade/in-place/). So 1.30.x may go to any 1.31.y, never straight
 * to 1.32; patches within a minor are free. Downgrades are refused (see {@link IstioDowngradeRefused}).
 */
public final class IstioUpgradePath {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-.*)?");

    private IstioUpgradePath() {
    }

    /**
     * Refuses a release's step from {@code from} to {@code to} that Istio does not support, with the fix.
     *
     * @param ref "mesh1/eks-2", how messages name the member
     */
    public static void check(String ref, String release, String from, String to) {
        int[] a = parse(from);
        int[] b = parse(to);
        int order = compare(a, b);
        if (order == 0) {
            return;
        }
        if (order > 0) {
            throw new IstioDowngradeRefused("IstioVersion " + to + " is older than the " + from + " that release "
                    + release + " on " + ref + " runs; the reconciler does not downgrade Istio. Set IstioVersion back "
                    + "to " + from + " or newer, or downgrade the member by hand (helm rollback) first.");
        }
        if (a[0] != b[0] || b[1] - a[1] > 1) {
            String next = a[0] + "." + (a[1] + 1);
            throw new IstioMinorSkipped("IstioVersion " + to + " skips a minor version: release " + release + " on "
                    + ref + " runs " + from + ", and Istio upgrades in place only to the next minor. Upgrade through "
                    + next + " first: set IstioVersion to the latest " + next + ".x, let a reconcile upgrade every "
                    + "member, then set " + to + ".");
        }
    }

    /** Orders two parsed versions: major, minor, patch; a pre-release counts as its release. */
    static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** {@code 1.30.3}, {@code v1.30.3} or {@code 1.31.0-beta.1} as {major, minor, patch}. */
    static int[] parse(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an Istio version: " + version);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }
}
