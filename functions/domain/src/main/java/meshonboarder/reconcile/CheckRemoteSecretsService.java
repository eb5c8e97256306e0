package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.istiod.IstiodView;
import meshonboarder.istiod.IstiodViews;
import meshonboarder.mesh.Member;
import meshonboarder.mesh.MemberReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import meshonboarder.istiod.UnknownView;

/**
 * {@code CheckRemoteSecrets}: reads every member once (a few at a time), then judges every ordered pair from what
 * was read ({@link PairCheck}). A member that cannot be read is reported and the others go on.
 */
public final class CheckRemoteSecretsService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRemoteSecretsService.class);

    private final MemberReader reader;
    private final IstiodViews istiods;
    private final int recheckSeconds;

    /** Without istiod's view: the remote secrets only. */
    public CheckRemoteSecretsService(MemberReader reader) {
        this(reader, null, 0);
    }

    /** @param recheckSeconds how long a restarted istiod gets to sync before the check looks again */
    public CheckRemoteSecretsService(MemberReader reader, IstiodViews istiods, int recheckSeconds) {
        this.reader = reader;
        this.istiods = istiods;
        this.recheckSeconds = recheckSeconds;
    }

    public RemoteSecretsCheck check(Membership membership) {
        return check(membership, null);
    }

    /**
     * @param restartId this run's id: each holder with a pair its istiod does not report synced is restarted once
     *                  per run (a retry of the step, or a second pass of the same run, writes nothing); null
     *                  restarts nothing
     */
    public RemoteSecretsCheck check(Membership membership, String restartId) {
        List<Member> members = membership.members();
        Map<String, MemberView> views = new LinkedHashMap<>();
        Map<String, IstiodView> istiodViews = new LinkedHashMap<>();
        readAll(members).forEach((name, read) -> {
            views.put(name, read.member());
            if (read.istiod() != null) {
                istiodViews.put(name, read.istiod());
            }
        });
        List<PairCheck.Finding> findings = PairCheck.findings(members, views);
        IstiodCheck istiod = PairCheck.istiod(members, views, istiodViews, findings);
        if (restartId != null && istiods != null) {
            istiod = restart(members, istiod, restartId);
        }
        List<SecretRepair> repairs = PairCheck.repairs(members, findings);
        List<RemoteSecretsCheck.Unreachable> unreachable = new ArrayList<>();
        List<MemberView.CaValidity> cas = new ArrayList<>();
        for (MemberView view : views.values()) {
            if (!view.reachable()) {
                unreachable.add(new RemoteSecretsCheck.Unreachable(view.clusterName(), view.unreachable()));
            } else if (view.ca() != null) {
                cas.add(view.ca());
            }
        }
        // counts, not the pairs: a mesh of 50 whose tokens all rotated has 2,450 of them
        LOG.info("{} members read, {} broken pairs {} in {} subjects, unreachable {}", views.size(), findings.size(),
                findings.stream().collect(Collectors.groupingBy(PairCheck.Finding::problem, TreeMap::new,
                        Collectors.counting())), repairs.size(),
                unreachable.stream().map(RemoteSecretsCheck.Unreachable::clusterName).toList());
        LOG.info("istiod views: {} pairs not synced, orphans {}, unknown {}, restarted {}", istiod.unsynced().size(),
                istiod.orphans(), istiod.unknown().stream().map(UnknownView::holder).toList(), istiod.restarted());
        return new RemoteSecretsCheck(membership.meshId(), views.size(), repairs, unreachable, cas,
                membership.maxConcurrency(), istiod);
    }

    /** Restarts each holder with an unsynced pair, once: a fresh istiod reads every remote secret again. */
    private IstiodCheck restart(List<Member> members, IstiodCheck found, String restartId) {
        List<String> restarted = new ArrayList<>();
        boolean now = false;
        List<UnknownView> unknown = new ArrayList<>(found.unknown());
        for (Member holder : members) {
            if (found.unsynced().stream().noneMatch(u -> u.holder().equals(holder.clusterName()))) {
                continue;
            }
            try {
                now |= istiods.restart(holder, restartId);
                restarted.add(holder.clusterName());
            } catch (MeshOnboarderError e) {
                unknown.add(new UnknownView(holder.clusterName(), "its istiod could not be restarted: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return new IstiodCheck(found.unsynced(), found.orphans(), unknown, restarted, now, recheckSeconds);
    }

    /** One member as read: its remote secrets, and its istiod's view (null when not read). */
    private record Read(MemberView member, IstiodView istiod) {
    }

    private Map<String, Read> readAll(List<Member> members) {
        return MemberReads.each(members, this::readOne);
    }

    private Read readOne(Member member) {
        MemberView view;
        try {
            view = reader.read(member);
        } catch (MeshOnboarderError e) {
            return new Read(MemberView.unreachable(member.clusterName(), e.getClass().getSimpleName() + ": "
                    + e.getMessage()), null);
        }
        if (istiods == null) {
            return new Read(view, null);
        }
        try {
            return new Read(view, istiods.read(member));
        } catch (MeshOnboarderError e) {
            return new Read(view, IstiodView.unknown(member.clusterName(), e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }
}
