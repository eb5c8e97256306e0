package meshonboarder.istiod;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MemberReads;
import meshonboarder.wait.PollPolicy;
import meshonboarder.wait.WaitCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WaitMeshSynced}: after the exchange, one look at what istiod makes of it. The new member's istiod must
 * report every exchanged peer {@code synced}, and each of those peers' istiod the new member; Step Functions loops
 * until they do. A secret that exists but that istiod cannot use (wrong CA, endpoint or token; a network istiod cannot
 * cross) shows here as {@code timeout} or {@code syncing}, and nowhere else. When the wait's time runs out the loop
 * ends with those pairs named, not with an error: the member is in and working with every other pair, and the
 * reconcile that the {@code NOT_SYNCED} announcement starts restarts the holders whose istiod still disagrees.
 * Reads only; a view that cannot be read (no gauge before Istio 1.29, no running pod, API server not reached) is
 * reported and not waited for.
 */
public final class WaitMeshSyncedService {

    private static final Logger LOG = LoggerFactory.getLogger(WaitMeshSyncedService.class);

    private final IstiodViews istiods;
    private final PollPolicy poll;

    public WaitMeshSyncedService(IstiodViews istiods, PollPolicy poll) {
        this.istiods = istiods;
        this.poll = poll;
    }

    /**
     * @param member   the new member
     * @param peers    the peers the exchange reached (not those it recorded UNREACHED)
     * @param previous the previous check of this loop, or null: only the holders it left unsynced are read again
     */
    public MeshSync check(Member member, List<Member> peers, MeshSync previous) {
        List<Member> holders = holdersToRead(member, peers, previous);
        Map<String, IstiodView> views = MemberReads.each(holders, this::read);

        List<UnsyncedPair> unsynced = new ArrayList<>();
        List<UnknownView> unknown = previous == null ? new ArrayList<>() : new ArrayList<>(previous.unknown());
        int unknownCount = previous == null ? 0 : previous.unknownCount();
        for (IstiodView view : views.values()) {
            if (!view.known()) {
                unknown.add(UnknownView.of(view));
                unknownCount++;
                LOG.warn("the istiod view of {} is not read: {}", view.holder(), view.reason());
                continue;
            }
            for (String subject : subjects(view.holder(), member, peers)) {
                UnsyncedPair pair = UnsyncedPair.of(view, subject);
                if (pair != null) {
                    unsynced.add(pair);
                }
            }
        }
        int pairs = 2 * peers.size();
        if (!unsynced.isEmpty() && poll.spent(previous)) {
            LOG.warn("istiod has not synced {} of {} pairs after {} s: {}; the onboarding ends NOT_SYNCED and the "
                    + "reconcile it starts follows up", unsynced.size(), pairs, poll.timeoutSeconds(), unsynced);
            return new MeshSync(false, true, previous.attempt(), 0, pairs, unsynced, unknown, unknownCount);
        }
        WaitCheck.Attempt attempt = poll.check(previous, unsynced.isEmpty(), member.clusterName(),
                () -> "istiod to sync " + unsynced.size() + " of " + pairs + " pairs of '" + member.clusterName()
                        + "', such as " + unsynced.get(0));
        if (attempt.ready() && peers.isEmpty()) {
            LOG.info("no peer was exchanged with: no pair for istiod to sync");
        } else if (attempt.ready()) {
            LOG.info("istiod reports every pair of '{}' synced whose holder's view was read ({} of {} pairs; {} views "
                    + "not read)", member.clusterName(), pairs - pairsOf(unknown, unknownCount, member, peers), pairs,
                    unknownCount);
        }
        return new MeshSync(attempt.ready(), false, attempt.attempt(), attempt.waitSeconds(), pairs, unsynced,
                unknown, unknownCount);
    }

    /** First the new member and every peer; then only the holders of pairs that were not synced yet. */
    private static List<Member> holdersToRead(Member member, List<Member> peers, MeshSync previous) {
        if (peers.isEmpty()) {
            return List.of();
        }
        List<Member> all = new ArrayList<>();
        all.add(member);
        all.addAll(peers);
        if (previous == null || previous.ready()) {
            return all;
        }
        Set<String> pending = new LinkedHashSet<>();
        previous.unsynced().forEach(p -> pending.add(p.holder()));
        return all.stream().filter(m -> pending.contains(m.clusterName())).toList();
    }

    /** Whom {@code holder}'s istiod must report synced: every peer for the new member, the new member for a peer. */
    private static List<String> subjects(String holder, Member member, List<Member> peers) {
        return holder.equals(member.clusterName()) ? peers.stream().map(Member::clusterName).toList()
                : List.of(member.clusterName());
    }

    /** Pairs whose holder's view was not read: the new member's holds one per peer, each peer's one. */
    private static int pairsOf(List<UnknownView> named, int unknownCount, Member member, List<Member> peers) {
        boolean memberUnknown = named.stream().anyMatch(u -> u.holder().equals(member.clusterName()));
        return memberUnknown ? peers.size() + unknownCount - 1 : unknownCount;
    }

    private IstiodView read(Member holder) {
        try {
            return istiods.read(holder);
        } catch (MeshOnboarderError e) {
            return IstiodView.unknown(holder.clusterName(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
