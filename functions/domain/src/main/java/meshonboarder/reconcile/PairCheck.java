package meshonboarder.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import meshonboarder.istiod.IstiodView;
import meshonboarder.mesh.Member;
import meshonboarder.istiod.UnknownView;
import meshonboarder.istiod.UnsyncedPair;

/**
 * Every ordered pair of members (holder, subject) must have a working remote secret: present in the holder,
 * pointing at the subject's current endpoint and CA, with the subject's current reader token, which the subject's
 * API server accepts. Works on what was read once per member, so the reads grow with the members, not the pairs.
 * A pair with an unreachable side is not judged: the unreachable member is reported instead.
 */
public final class PairCheck {

    private PairCheck() {
    }

    /** One broken ordered pair: {@code holder} cannot use its remote secret of {@code subject}. */
    public record Finding(String holder, String subject, PairProblem problem) {
    }

    public static List<Finding> findings(List<Member> members, Map<String, MemberView> views) {
        List<Finding> findings = new ArrayList<>();
        for (Member holder : members) {
            MemberView h = views.get(holder.clusterName());
            for (Member subject : members) {
                MemberView s = views.get(subject.clusterName());
                if (holder == subject || h == null || s == null || !h.reachable() || !s.reachable()) {
                    continue;
                }
                PairProblem problem = problem(h.held().get(subject.clusterName()), s);
                if (problem != null) {
                    findings.add(new Finding(holder.clusterName(), subject.clusterName(), problem));
                }
            }
        }
        return findings;
    }

    /** The first thing wrong with the holder's secret of the subject, or null when it works. */
    static PairProblem problem(MemberView.Held held, MemberView subject) {
        if (held == null) {
            return PairProblem.MISSING;
        }
        if (!Objects.equals(held.endpoint(), subject.endpoint())) {
            return PairProblem.STALE_ENDPOINT;
        }
        if (!Objects.equals(held.caDigest(), subject.caDigest())) {
            return PairProblem.STALE_CA;
        }
        if (subject.tokenDigest() == null) {
            return PairProblem.NO_READER_TOKEN;
        }
        if (!Objects.equals(held.tokenDigest(), subject.tokenDigest())) {
            return PairProblem.STALE_TOKEN;
        }
        if (Boolean.FALSE.equals(subject.tokenAccepted())) {
            return PairProblem.TOKEN_REFUSED;
        }
        return null;
    }

    /**
     * istiod's own view of the pairs whose remote secret is right: the holder's istiod must report the subject
     * {@code synced}; anything else (or not managing it at all) is a pair broken in a way only istiod sees, which a
     * rewrite of the secret does not mend (on Istio 1.30.0 to 1.30.3 a rewrite is what breaks it). A remote cluster
     * istiod manages that is no member is an orphan. An unknown view (an istiod before the gauge) is only reported.
     */
    public static IstiodFindings istiod(List<Member> members, Map<String, MemberView> views,
                                        Map<String, IstiodView> istiods, List<Finding> secretFindings) {
        List<UnsyncedPair> unsynced = new ArrayList<>();
        List<IstiodCheck.Orphan> orphans = new ArrayList<>();
        List<UnknownView> unknown = new ArrayList<>();
        Set<String> names = new HashSet<>();
        members.forEach(m -> names.add(m.clusterName()));
        for (Member holder : members) {
            IstiodView view = istiods.get(holder.clusterName());
            if (view == null) {
                continue;
            }
            if (!view.known()) {
                unknown.add(UnknownView.of(view));
                continue;
            }
            for (Member subject : members) {
                MemberView s = views.get(subject.clusterName());
                if (holder == subject || s == null || !s.reachable() || secretFindings.stream().anyMatch(f ->
                        f.holder().equals(holder.clusterName()) && f.subject().equals(subject.clusterName()))) {
                    continue;
                }
                UnsyncedPair pair = UnsyncedPair.of(view, subject.clusterName());
                if (pair != null) {
                    unsynced.add(pair);
                }
            }
            view.remotes().keySet().stream().filter(c -> !names.contains(c))
                    .forEach(c -> orphans.add(new IstiodCheck.Orphan(holder.clusterName(), c)));
        }
        return new IstiodFindings(unsynced, orphans, unknown);
    }

    /** What the istiod views said, every pair named: the check keeps the pairs by subject and counts them. */
    public record IstiodFindings(List<UnsyncedPair> unsynced, List<IstiodCheck.Orphan> orphans,
                                 List<UnknownView> unknown) {
    }

    /**
     * The findings of each subject with something broken, in member order, stamped with the check's execution: its
     * broken holders ({@link #repairs}) and its pairs not synced.
     */
    public static List<SubjectFindings> bySubject(List<Member> members, List<Finding> findings,
                                                  List<UnsyncedPair> unsynced, String executionArn) {
        Map<String, SecretRepair> repairs = new LinkedHashMap<>();
        repairs(members, findings).forEach(r -> repairs.put(r.subject().clusterName(), r));
        List<SubjectFindings> bySubject = new ArrayList<>();
        for (Member subject : members) {
            String name = subject.clusterName();
            SecretRepair repair = repairs.get(name);
            List<UnsyncedPair> notSynced = unsynced.stream().filter(u -> u.subject().equals(name)).toList();
            if (repair != null || !notSynced.isEmpty()) {
                bySubject.add(new SubjectFindings(name, executionArn,
                        repair == null ? Map.of() : repair.holdersByProblem(), notSynced));
            }
        }
        return bySubject;
    }

    /**
     * The broken pairs grouped by subject, in member order: one RepairRemoteSecrets call reads the subject's reader
     * token once and rewrites its remote secret in every holder listed; a holder whose secret works is not listed.
     */
    public static List<SecretRepair> repairs(List<Member> members, List<Finding> findings) {
        List<SecretRepair> repairs = new ArrayList<>();
        for (Member subject : members) {
            Map<PairProblem, List<String>> byProblem = new LinkedHashMap<>();
            findings.stream().filter(f -> f.subject().equals(subject.clusterName()))
                    .forEach(f -> byProblem.computeIfAbsent(f.problem(), p -> new ArrayList<>()).add(f.holder()));
            if (!byProblem.isEmpty()) {
                repairs.add(new SecretRepair(subject, byProblem));
            }
        }
        return repairs;
    }
}
