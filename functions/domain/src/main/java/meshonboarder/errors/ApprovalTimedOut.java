package meshonboarder.errors;

/**
 * Nobody answered RequestApproval's request within the template's {@code ApprovalTimeoutSeconds}; the state machine
 * raises it (the NotAnswered state), nothing was written to the cluster. Onboarding it again asks again.
 */
public final class ApprovalTimedOut extends MeshOnboarderError {

    public ApprovalTimedOut(String message) {
        super(message);
    }
}
