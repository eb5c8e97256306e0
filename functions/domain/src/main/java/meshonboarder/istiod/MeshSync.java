package meshonboarder.istiod;

import java.util.List;
import meshonboarder.wait.WaitCheck;

/**
 * One check of the onboarding's WaitMeshSynced loop ({@code $.sync}): whether the new member's istiod and each
 * exchanged peer's istiod report each other {@code synced}. The ASL reads {@code ready}, {@code timedOut},
 * {@code attempt} and {@code waitSeconds}; Announce reads {@code timedOut} and {@code unsynced}.
 *
 * @param ready    every pair is synced (views that cannot say are not waited for): the loop ends
 * @param timedOut the wait's time ran out with {@code unsynced} pairs left: the loop ends, and the onboarding ends
 *                 {@code NOT_SYNCED}, whose announcement starts a reconcile of the mesh
 * @param pairs    the pairs checked: two per exchanged peer
 * @param unsynced the pairs not synced yet, as each holder's istiod reports them
 * @param unknown  the first {@link #UNKNOWN_NAMED} members whose istiod view cannot be read (before the gauge, no
 *                 running pod, API server not reached): reported, not waited for, and never read again in this loop
 * @param unknownCount how many views could not be read in all: a mesh of 200 whose peers all predate the gauge would
 *                 otherwise put 200 reasons into the execution state, past its 256 KiB with the exchange's results
 */
public record MeshSync(boolean ready, boolean timedOut, int attempt, int waitSeconds, int pairs,
                       List<UnsyncedPair> unsynced, List<UnknownView> unknown, int unknownCount) implements WaitCheck {

    /** Unknown views named in the state; the rest are counted (the function's log names them all). */
    public static final int UNKNOWN_NAMED = 10;

    public MeshSync {
        unsynced = unsynced == null ? List.of() : List.copyOf(unsynced);
        unknown = unknown == null ? List.of() : List.copyOf(unknown.subList(0, Math.min(UNKNOWN_NAMED, unknown.size())));
    }
}
