package meshonboarder.reconcile;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: one lease per mesh, so that one ReconcileMesh run at a time works on a mesh. Every write is conditional and
 * the store checks the condition with the write: of two runs that take a free lease at the same moment, one wins.
 */
public interface MeshLeases {

    /** The mesh's lease as it is now (a consistent read), expired or not; empty when no run holds it. */
    Optional<Lease> find(String meshId);

    /**
     * Writes {@code lease} when the mesh has no lease, or one that expired before {@code now}, or one its holder
     * already holds.
     *
     * @return false when the condition refused the write (another run holds the mesh)
     */
    boolean take(Lease lease, Instant now);

    /** Sets the expiry of the holder's lease; false when the holder holds it no longer (nothing written). */
    boolean renew(Lease lease);

    /** Deletes the holder's lease; false when the holder held none (nothing written). */
    boolean release(String meshId, String holder);
}
