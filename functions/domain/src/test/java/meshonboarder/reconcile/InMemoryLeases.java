package meshonboarder.reconcile;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link MeshLeases} in memory, with the mesh table's conditions; counts its writes. */
public final class InMemoryLeases implements MeshLeases {

    private final Map<String, Lease> leases = new HashMap<>();
    private int writes;

    @Override
    public synchronized Optional<Lease> find(String meshId) {
        return Optional.ofNullable(leases.get(meshId));
    }

    @Override
    public synchronized boolean take(Lease lease, Instant now) {
        Lease current = leases.get(lease.meshId());
        if (current != null && !current.expired(now) && !current.holder().equals(lease.holder())) {
            return false;
        }
        return write(lease);
    }

    @Override
    public synchronized boolean renew(Lease lease) {
        Lease current = leases.get(lease.meshId());
        return current != null && current.holder().equals(lease.holder()) && write(lease);
    }

    @Override
    public synchronized boolean release(String meshId, String holder) {
        Lease current = leases.get(meshId);
        if (current == null || !current.holder().equals(holder)) {
            return false;
        }
        leases.remove(meshId);
        writes++;
        return true;
    }

    public synchronized int writes() {
        return writes;
    }

    private boolean write(Lease lease) {
        leases.put(lease.meshId(), lease);
        writes++;
        return true;
    }
}
