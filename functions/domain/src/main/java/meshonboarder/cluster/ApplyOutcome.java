package meshonboarder.cluster;

/**
 * What reconciling one object did, so that "a second run writes nothing" can be seen and tested: applying a
 * desired object gives CREATED, UPDATED or UNCHANGED; deleting one gives DELETED or ABSENT.
 */
public enum ApplyOutcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    DELETED,
    ABSENT
}
