package meshonboarder.kubernetes;

/** What applying a desired object did, so that "a second run writes nothing" can be seen and tested. */
public enum ApplyOutcome {
    CREATED,
    UPDATED,
    UNCHANGED
}
