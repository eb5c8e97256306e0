package meshonboarder.remote;

/**
 * What reconciling one Kubernetes object did. Typed outcomes make "a second run writes nothing" something a test
 * can assert and the execution state can show.
 */
public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    DELETED,
    ABSENT
}
