package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import meshonboarder.errors.InvalidInput;
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
 * was read ({@link PairCheck}). A member that cannot be read is reported and the others go on. The pairs found
 * broken are kept per subject in {@link MeshChecks}, stamped with the execution; the state gets names and counts.
 * A subject is written only when something of it is broken and its kept findings differ, so a healthy mesh's check
 * writes nothing.
 */
public final class CheckRemoteSecretsService {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRemoteSecretsService.class);

    private final MemberReader reader;
    private final IstiodViews istiods;
    private final int recheckSeconds;
    private final MeshChecks checks;

    /** Without istiod's view and without keeping the findings: the remote secrets only, counted. */
    public CheckRemoteSecretsService(MemberReader reader) {
        this(reader, null, 0, null);
    }

    /**
     * @param recheckSeconds how long a restarted istiod gets to sync before the check looks again
     * @param checks         where the pairs found broken are kept; null keeps none (then nothing can be repaired)
     */
    public CheckRemoteSecretsService(MemberReader reader, IstiodViews istiods, int recheckSeconds, MeshChecks checks) {
        this.reader = reader;
        this.istiods = istiods;
        this.recheckSeconds = recheckSeconds;
        this.checks = checks;
    }

    public RemoteSecretsCheck check(Membership membership) {
        return check(membership, null);
    }

    /**
     * @param executionArn this run's id, which stamps the findings kept; and each holder with a pair its istiod does
     *                     not report synced is restarted once per run (a retry of the step, or a second pass of the
     *                     same run, writes nothing); null restarts nothing and keeps nothing
     */
    public RemoteSecretsCheck check(Membership membership, String executionArn) {
        if (checks != null && executionArn == null) {
            throw new InvalidInput("CheckRemoteSecrets of mesh " + membership.meshId() + " needs executionArn "
                    + "($$.Execution.Id): the findings it keeps are stamped with it.");
        }
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
        PairCheck.IstiodFindings found = PairCheck.istiod(members, views, istiodViews, findings);
        IstiodCheck istiod = executionArn != null && istiods != null ? restart(members, found, executionArn)
                : new IstiodCheck(found.unsynced().size(), found.orphans(), found.unknown(), List.of(), false, 0);
        List<SubjectFindings> bySubject = PairCheck.bySubject(members, findings, found.unsynced(), executionArn);
        if (checks != null) {
            keep(membership.meshId(), executionArn, bySubject);
        }
        List<RemoteSecretsCheck.Repair> repairs = bySubject.stream().filter(f -> !f.holdersByProblem().isEmpty())
                .map(f -> new RemoteSecretsCheck.Repair(f.subject(), f.holders().size())).toList();
        List<RemoteSecretsCheck.Unreachable> unreachable = new ArrayList<>();
        List<MemberView.CaValidity> cas = new ArrayList<>();
        for (MemberView view : views.values()) {
            if (!view.reachable()) {
                unreachable.add(new RemoteSecretsCheck.Unreachable(view.clusterName(), view.unreachable()));
            } else if (view.ca() != null) {
                cas.add(view.ca());
            }
        }
        cas = RemoteSecretsCheck.firstToExpire(cas);
        // counts, not the pairs: a mesh of 50 whose tokens all rotated has 2,450 of them
        LOG.info("{} members read, {} broken pairs {} in {} subjects, unreachable {}", views.size(), findings.size(),
                findings.stream().collect(Collectors.groupingBy(PairCheck.Finding::problem, TreeMap::new,
                        Collectors.counting())), repairs.size(),
                unreachable.stream().map(RemoteSecretsCheck.Unreachable::clusterName).toList());
        // every unknown view by name here: the state names only the first few
        LOG.info("istiod views: {} pairs not synced, orphans {}, unknown {}, restarted {}", istiod.unsynced(),
                istiod.orphans(), found.unknown().stream().map(u -> u.holder() + " (" + u.reason() + ")").toList(),
                istiod.restarted());
        if (checks != null && !bySubject.isEmpty()) {
            LOG.info("the pairs of {} subjects kept in {}", bySubject.size(), checks.location(membership.meshId()));
        }
        return new RemoteSecretsCheck(membership.meshId(), views.size(), repairs, unreachable, cas,
                membership.maxConcurrency(), istiod);
    }

    /**
     * Writes each subject's findings that differ from those kept (another execution's, or this one's first pass), and
     * deletes this execution's own findings of a subject now healthy (its second pass, after a restart): a later
     * step of this run must not read them. Another execution's findings of a healthy subject stay, unread: every
     * reader takes only its own execution's, and a healthy mesh's check writes nothing.
     */
    private void keep(String meshId, String executionArn, List<SubjectFindings> found) {
        Map<String, SubjectFindings> kept = checks.list(meshId).stream()
                .collect(Collectors.toMap(SubjectFindings::subject, Function.identity(), (a, b) -> a));
        Set<String> broken = found.stream().map(SubjectFindings::subject).collect(Collectors.toSet());
        for (SubjectFindings f : found) {
            if (!f.equals(kept.get(f.subject()))) {
                checks.put(meshId, f);
            }
        }
        kept.values().stream().filter(k -> executionArn.equals(k.executionArn()) && !broken.contains(k.subject()))
                .forEach(k -> checks.delete(meshId, k.subject()));
    }

    /** Restarts each holder with an unsynced pair, once: a fresh istiod reads every remote secret again. */
    private IstiodCheck restart(List<Member> members, PairCheck.IstiodFindings found, String restartId) {
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
                LOG.warn("the istiod of {} could not be restarted: {}", holder.clusterName(), e.toString());
                unknown.add(new UnknownView(holder.clusterName(), "its istiod could not be restarted: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return new IstiodCheck(found.unsynced().size(), found.orphans(), unknown, restarted, now, recheckSeconds);
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
