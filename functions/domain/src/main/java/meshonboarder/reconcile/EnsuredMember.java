package meshonboarder.reconcile;

import java.util.Map;
import java.util.TreeMap;
import meshonboarder.access.Access;
import meshonboarder.errors.CaughtError;

/**
 * One item of {@code $.ensured}: MemberEnsured's {@code {clusterName, access, cniPatched}} (GrantAccess's outcomes,
 * and the variables EnsureCniEgress put back, by cluster: {@code $.cni.patchedEnv}), or MemberNotEnsured's
 * {@code {clusterName, error}}. Outcomes and names only: one item per member.
 */
public record EnsuredMember(String clusterName, Access access, Map<String, Map<String, String>> cniPatched,
                            CaughtError error) {

    public EnsuredMember {
        cniPatched = cniPatched == null ? Map.of() : new TreeMap<>(cniPatched);
    }
}
