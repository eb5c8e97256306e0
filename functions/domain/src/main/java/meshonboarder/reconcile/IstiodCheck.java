package meshonboarder.reconcile;

import java.util.List;
import meshonboarder.istiod.MeshSync;
import meshonboarder.istiod.UnknownView;

/**
 * What {@code CheckRemoteSecrets} found in each member's istiod view ({@code $.remoteSecrets.istiod}): names and
 * statuses only, and the pairs only counted: they are in {@link MeshChecks} ({@link SubjectFindings#unsynced}).
 *
 * @param unsynced  how many pairs have a right remote secret that the holder's istiod does not report
 *                  {@code synced}
 * @param orphans   remote clusters a holder's istiod manages that are no member
 * @param unknown   the first {@link MeshSync#UNKNOWN_NAMED} members whose istiod view could not be read (an istiod
 *                  before the gauge, no running pod): reported, not counted as broken
 * @param unknownCount how many views could not be read in all (the function's log names each): a mesh of 200 whose
 *                  members all predate the gauge would otherwise carry 200 reasons in the state
 * @param restarted holders whose istiod this run restarted (a rollout restart), at most once each per run
 * @param recheck   true when a restart was made by this check: the state machine waits {@code recheckSeconds}
 *                  and checks again (that pass restarts nothing already restarted, so the loop ends)
 */
public record IstiodCheck(int unsynced, List<Orphan> orphans, List<UnknownView> unknown, int unknownCount,
                          List<String> restarted, boolean recheck, int recheckSeconds) {

    public IstiodCheck {
        unknown = unknown == null ? List.of() : unknown;
        unknownCount = Math.max(unknownCount, unknown.size());
        unknown = List.copyOf(unknown.subList(0, Math.min(MeshSync.UNKNOWN_NAMED, unknown.size())));
    }

    public IstiodCheck(int unsynced, List<Orphan> orphans, List<UnknownView> unknown, List<String> restarted,
                       boolean recheck, int recheckSeconds) {
        this(unsynced, orphans, unknown, 0, restarted, recheck, recheckSeconds);
    }

    public record Orphan(String holder, String cluster) {
    }

    public static IstiodCheck none() {
        return new IstiodCheck(0, List.of(), List.of(), List.of(), false, 0);
    }
}
