package meshonboarder.remote;

/** What retiring a departed member's intermediate CA did. */
public enum CaRetirement {
    /** The secret is scheduled for deletion (now or by an earlier run); it can be restored within the recovery window. */
    SCHEDULED_FOR_DELETION,
    /** There was no such secret (the cluster never got a CA from mesh-onboarder). */
    ABSENT
}
