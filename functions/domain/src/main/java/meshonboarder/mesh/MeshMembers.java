package meshonboarder.mesh;

import java.util.List;
import java.util.Optional;
import meshonboarder.network.GatewayAddressType;

/**
 * Port: the membership record of every mesh. Each member is its own entry, written and removed on its own,
 * so two clusters registering at the same moment never overwrite each other. Every read is a consistent read:
 * it sees every write that ended before it began.
 */
public interface MeshMembers {

    /**
     * Records the member; writing the same member again changes nothing.
     *
     * @throws meshonboarder.errors.ClusterNameTaken when another cluster of the same name (another region or
     *                                               account) holds the name in the mesh; decided by the write itself
     */
    void register(Member member);

    /**
     * Records the member only if no member of the mesh holds its name yet (the one-time carry-over of records kept
     * elsewhere before); a record of the same cluster already there wins, as the newer one.
     *
     * @return whether the mesh now records this cluster under its name (written now or before); false when
     *         another cluster holds the name
     */
    boolean adopt(Member member);

    /**
     * Records the address type the member's east-west gateway now has, in its record: only while the mesh records
     * this cluster (same name and ARN) under its name, and only when the record says otherwise (a second call
     * writes nothing). Nothing else in the record changes.
     *
     * @return whether the record was written
     */
    boolean recordGateway(Member member, GatewayAddressType type);

    /** Every member of the mesh, in no particular order. */
    List<Member> list(String meshId);

    /** Every mesh that has at least one member, sorted. */
    List<String> meshes();

    /** The member of any mesh with this cluster name and region. */
    Optional<Member> find(String clusterName, String region);

    /** Removes the member; removing one that is not there is not an error. */
    void remove(Member member);
}
