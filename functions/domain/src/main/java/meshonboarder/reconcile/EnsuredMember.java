package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.access.Access;
import meshonboarder.cni.ClusterCni;
import meshonboarder.errors.CaughtError;

/**
 * One item of {@code $.ensured}: MemberEnsured's {@code {clusterName, access, cni}} (GrantAccess's result and
 * EnsureCniEgress's clusters), or MemberNotEnsured's {@code {clusterName, error}}.
 */
public record EnsuredMember(String clusterName, Access access, List<ClusterCni> cni, CaughtError error) {

    public EnsuredMember {
        cni = cni == null ? List.of() : List.copyOf(cni);
    }
}
