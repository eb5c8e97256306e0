package meshonboarder.istio;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import meshonboarder.errors.IstioReleaseKnownBad;

/**
 * Istio releases that mishandle what mesh-onboarder itself does to remote secrets, and what it does about them. On
 * such a release the reconciler's routine work (a reader token rotation rewrites every peer's remote secret; a
 * departure deletes one) can break cross-cluster traffic while every object it checks looks right, so:
 * <ul>
 *   <li>an onboarding or a rollout onto one is refused before any write ({@link #refuseInstall});</li>
 *   <li>a member whose istiod runs one gets no rotation rewrite and no removal ({@link #refuse}): it is upgraded
 *       first, by the reconcile's own rollout.</li>
 * </ul>
 * The table is in docs/reconciler.md too ("Known-bad Istio releases"); a test holds the two together. Each range
 * was checked against istio/istio: the fix's release note is on {@code release-1.30} after tag 1.30.3 (or before
 * it, for #60612), and istio.io lists 1.30.4 as the first patch release after them.
 */
public final class IstioReleasePolicy {

    /** The first release with every fix below: the oldest {@code IstioVersion} mesh-onboarder installs. */
    public static final String FLOOR = "1.30.4";

    /** The template's {@code IstioVersion} default: the floor. */
    public static final String DEFAULT_VERSION = FLOOR;

    /** What mesh-onboarder does to a holder's remote secrets that some releases mishandle. */
    public enum Operation {
        /** Rewriting a remote secret that the holder has (a reader token rotation). */
        ROTATION("rewriting a remote secret"),
        /** Deleting a remote secret (a member's departure). */
        DEPARTURE("deleting a remote secret"),
        /** istiod reading a remote secret again once it changed. */
        RE_READ("re-reading a changed remote secret");

        private final String phrase;

        Operation(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    /**
     * A range of releases, both ends included, that an Istio issue makes unsafe for some operations.
     *
     * @param effect what happens, in a few words
     */
    public record KnownBad(String first, String last, String issue, Set<Operation> breaks, String fixedIn,
                           String effect) {

        public KnownBad {
            breaks = Set.copyOf(breaks);
        }

        public boolean covers(String version) {
            int[] v = IstioUpgradePath.parse(version);
            return IstioUpgradePath.compare(IstioUpgradePath.parse(first), v) <= 0
                    && IstioUpgradePath.compare(v, IstioUpgradePath.parse(last)) <= 0;
        }

        /** "istio/istio#61043 (rewriting a remote secret can ...; fixed in 1.30.4)". */
        String describe() {
            return "istio/istio#" + issue + " (" + effect + "; fixed in " + fixedIn + ")";
        }
    }

    /** Every known-bad range, oldest fix first. Releases before 1.30 are refused anyway ({@link IstioSettings}). */
    public static final List<KnownBad> KNOWN_BAD = List.of(
            new KnownBad("1.30.0", "1.30.2", "60612", Set.of(Operation.RE_READ, Operation.ROTATION), "1.30.3",
                    "istiod may not pick up an updated remote secret until it restarts"),
            new KnownBad("1.30.0", "1.30.3", "61043", Set.of(Operation.ROTATION), "1.30.4",
                    "rewriting a remote secret can wipe that cluster's endpoints in the holder's istiod until it "
                            + "restarts"),
            new KnownBad("1.30.0", "1.30.3", "60920", Set.of(Operation.DEPARTURE, Operation.ROTATION), "1.30.4",
                    "removing or rotating a remote cluster can leave the other networks' gateways unregistered "
                            + "until istiod restarts"));

    private IstioReleasePolicy() {
    }

    /** The ranges that cover {@code version}; none for a version that is not a release. */
    public static List<KnownBad> knownBad(String version) {
        if (!isRelease(version)) {
            return List.of();
        }
        return KNOWN_BAD.stream().filter(bad -> bad.covers(version)).toList();
    }

    /** The ranges that cover {@code version} and break {@code operation}. */
    public static List<KnownBad> breaking(String version, Operation operation) {
        return knownBad(version).stream().filter(bad -> bad.breaks().contains(operation)).toList();
    }

    /**
     * The gate of an onboarding and a rollout: {@code IstioVersion} must be none of the known-bad releases.
     *
     * @param step who asks, for the message ("Resolve", "CheckIstio")
     */
    public static void refuseInstall(String version, String step) {
        List<KnownBad> bad = knownBad(version);
        if (!bad.isEmpty()) {
            throw new IstioReleaseKnownBad("IstioVersion " + version + " is a known-bad Istio release for a "
                    + "multi-primary mesh: " + describe(bad) + ". " + step + " refused it before any write. Set "
                    + "IstioVersion to " + FLOOR + " or newer (docs/reconciler.md, Known-bad Istio releases).");
        }
    }

    /**
     * The gate of a rotation rewrite or a removal on one holder: refused when the release its istiod runs breaks
     * {@code operation}. An unknown version (no istiod Helm release) is not refused: there is nothing to judge.
     *
     * @param what   "rewriting istio-remote-secret-eks-2"
     * @param holder "mesh1/eks-1"
     */
    public static void refuse(Operation operation, Optional<String> running, String what, String holder) {
        List<KnownBad> bad = running.map(v -> breaking(v, operation)).orElse(List.of());
        if (!bad.isEmpty()) {
            throw new IstioReleaseKnownBad("Not " + what + " in " + holder + ": its istiod runs Istio "
                    + running.get() + ", where " + operation.phrase() + " is unsafe: " + describe(bad)
                    + ". Upgrade it first: set IstioVersion to " + FLOOR + " or newer, and the reconcile's rollout "
                    + "upgrades it; the next run does this then.");
        }
    }

    private static String describe(List<KnownBad> bad) {
        return bad.stream().map(KnownBad::describe).collect(Collectors.joining(", "));
    }

    private static boolean isRelease(String version) {
        try {
            IstioUpgradePath.parse(version);
            return true;
        } catch (IllegalArgumentException notARelease) {
            return false;
        }
    }
}
