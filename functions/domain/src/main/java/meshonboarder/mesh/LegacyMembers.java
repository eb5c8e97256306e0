package meshonboarder.mesh;

import java.util.List;

/**
 * Port: the membership records of the versions before the membership table, one SSM parameter per member. Only read
 * to carry them over ({@link MembershipCarryOver}), and emptied as they are.
 */
public interface LegacyMembers {

    /** Every member recorded there, of every mesh. */
    List<Member> all();

    /** Removes the record; removing one that is not there is not an error. */
    void remove(Member member);
}
