package meshonboarder.reconcile;

import java.util.Map;
import meshonboarder.istio.DeployedRelease;
import meshonboarder.mesh.Member;

/** Port: the Istio releases a member has, as Helm recorded them; one read per member, no write. */
public interface IstioReleases {

    /** The latest revision of every Helm release in {@code istio-system}, by release name. */
    Map<String, DeployedRelease> read(Member member);
}
