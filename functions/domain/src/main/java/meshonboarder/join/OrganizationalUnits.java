package meshonboarder.join;

import java.util.Optional;

/** Port: the organizational unit an account sits in directly (AWS Organizations' ListParents). */
public interface OrganizationalUnits {

    /** No lookup: a policy that names organizational units admits only the accounts it lists. */
    OrganizationalUnits NONE = account -> Optional.empty();

    /** The id of the account's parent organizational unit, or empty when it is not known. */
    Optional<String> parentOf(String account);
}
