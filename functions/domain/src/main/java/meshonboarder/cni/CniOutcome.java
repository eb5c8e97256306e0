package meshonboarder.cni;

/** What {@code PatchCniEgress} did to one cluster's CNI; a second run reports no {@link #PATCHED}. */
public enum CniOutcome {
    /** The CNI's egress settings were changed; the change rolls out now. */
    PATCHED,
    /** The CNI already had what the mesh needs (or needs nothing): no write. */
    UNCHANGED,
    /** EKS Auto Mode manages the CNI: no write. */
    SKIPPED_AUTO_MODE
}
