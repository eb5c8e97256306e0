package meshonboarder.join;

import java.util.Optional;

/** Port: the organizational unit an account sits in directly (AWS Organizations' ListParents). */
public interface OrganizationalUnits {

    /** Every account at the organization's root: a policy that names organizational units admits only its accounts. */
    OrganizationalUnits NONE = account -> Optional.empty();

    /**
     * The id of the account's parent organizational unit, or empty when the account sits at the organization's root.
     * Called only for a policy that names units; an account the organization does not hold is an error of the
     * adapter's ({@code OrganizationalUnitUnknown}), raised before anything is written.
     */
    Optional<String> parentOf(String account);
}
