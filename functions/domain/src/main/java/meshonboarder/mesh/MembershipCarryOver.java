package meshonboarder.mesh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the members a version before the membership table recorded in SSM over into the table, once: each is
 * written unless its cluster is already recorded (a record written since wins), and only then removed from SSM. A
 * record whose name another cluster of the mesh holds in the table stays in SSM, named in the log, for an operator:
 * nothing is lost. A run cut short leaves the rest for the next run; a run with nothing left in SSM writes nothing.
 */
public final class MembershipCarryOver {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipCarryOver.class);

    private final LegacyMembers legacy;
    private final MeshMembers members;

    public MembershipCarryOver(LegacyMembers legacy, MeshMembers members) {
        this.legacy = legacy;
        this.members = members;
    }

    /** @return how many members were carried over (and removed from SSM) */
    public int carryOver() {
        int carried = 0;
        for (Member member : legacy.all()) {
            if (members.adopt(member)) {
                legacy.remove(member);
                carried++;
            } else {
                LOG.warn("kept the SSM record of {} in {} (mesh {}): another cluster of that name is a member of the "
                        + "mesh; Istio tells clusters apart by name, so offboard one of them", member.clusterName(),
                        member.region(), member.meshId());
            }
        }
        if (carried > 0) {
            LOG.info("carried {} members over from SSM into the membership table", carried);
        }
        return carried;
    }
}
