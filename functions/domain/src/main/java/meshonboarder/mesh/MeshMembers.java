package meshonboarder.mesh;

import java.util.List;
import java.util.Optional;

/**
 * Port: the membership record of every mesh. Each member is its own entry, written and removed on its own,
 * so two clusters registering at the same moment never overwrite each other.
 */
public interface MeshMembers {

    /** Records the member; writing the same member again changes nothing. */
    void register(Member member);

    /** Every member of the mesh, in no particular order. */
    List<Member> list(String meshId);

    /** The member of any mesh with this cluster name and region. */
    Optional<Member> find(String clusterName, String region);

    /** Removes the member; removing one that is not there is not an error. */
    void remove(Member member);
}
