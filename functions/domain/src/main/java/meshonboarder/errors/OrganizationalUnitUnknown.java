package meshonboarder.errors;

/**
 * A join policy names organizational units, and AWS Organizations could not say which unit the cluster's account is
 * in: the account is not in the organization the hub reads, or the reading account is in no organization. Resolve
 * raises it before anything is written; the message says which, and the fix. Permanent.
 */
public final class OrganizationalUnitUnknown extends MeshOnboarderError {

    public OrganizationalUnitUnknown(String message) {
        super(message);
    }
}
