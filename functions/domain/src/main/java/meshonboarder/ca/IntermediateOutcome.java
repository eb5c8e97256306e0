package meshonboarder.ca;

/** What {@code EnsureCa} did with the cluster's intermediate CA. */
public enum IntermediateOutcome {
    /** A new intermediate was signed: the first for this cluster, or a replacement (expiring, new root, unusable). */
    ISSUED,
    /** The stored intermediate chains to the root and is valid for longer than the renewal margin. */
    REUSED
}
