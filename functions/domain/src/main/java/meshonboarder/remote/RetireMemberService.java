package meshonboarder.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MeshMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RetireMember}: once no peer holds the departed member's remote secret, retire its intermediate CA and
 * remove its membership record. AWS only: it runs in the aws-steps package, which has no fabric8, so it must not
 * touch this package's Kubernetes classes.
 */
public final class RetireMemberService {

    private static final Logger LOG = LoggerFactory.getLogger(RetireMemberService.class);

    private final MeshMembers members;
    private final IntermediateCas cas;

    public RetireMemberService(MeshMembers members, IntermediateCas cas) {
        this.members = members;
        this.cas = cas;
    }

    /** @param removal the items of {@code $.removal}: {@link RemovalResult}s, or the Catch's UNREACHED ones */
    public Retirement retire(Member member, List<JsonNode> removal) {
        String ref = member.meshId() + "/" + member.clusterName();
        List<String> unreached = Removals.unreached(removal);
        if (!unreached.isEmpty()) {
            String reason = "Peers " + unreached + " still hold the remote secret of '" + member.clusterName()
                    + "'; the membership record and the intermediate CA stay until a re-run removes it from them.";
            LOG.info("not retired: {}", reason);
            return new Retirement(false, reason, unreached, null, null);
        }
        // The CA first: the membership record is what lets a re-run find this member, so it goes last.
        CaRetirement ca = cas.retire(member.meshId(), member.clusterName());
        members.remove(member);
        LOG.info("retired: membership record removed, intermediate CA {}", ca);
        return new Retirement(true, null, null, ca, Retirement.REMOVED);
    }
}
