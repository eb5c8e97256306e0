package meshonboarder.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import meshonboarder.access.Access;
import meshonboarder.cluster.ApplyOutcome;
import meshonboarder.discovery.MeshDiscovery;
import meshonboarder.errors.CaughtError;
import meshonboarder.istio.IstioRemoval;
import meshonboarder.mesh.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import meshonboarder.istiod.UnsyncedPair;

/**
 * {@code ReportReconcile}: what one reconcile run of a mesh did and what is still broken, from the results the state
 * machine gathered and the pairs this execution's check kept ({@link MeshChecks}); plus the metrics per mesh
 * (members, broken pairs, days until the first CA expires). The report goes into one EventBridge event (256 KB per
 * entry), so it is bounded whatever the mesh's size: at most {@value #MAX_SENTENCES} sentences per list, each of at
 * most {@value #MAX_NAMES} names and {@value #MAX_CHARS} characters; the counts are whole, and {@code more} says how
 * many sentences were left out and where the pairs are.
 */
public final class ReportReconcileService {

    public static final String NAMESPACE = "MeshOnboarder";
    private static final Logger LOG = LoggerFactory.getLogger(ReportReconcileService.class);

    /** The most sentences each of repairs, stillBroken and warnings holds. */
    static final int MAX_SENTENCES = 50;
    /** The most members a sentence names. */
    static final int MAX_NAMES = 10;
    /** The longest sentence (a reason is an error's message). */
    static final int MAX_CHARS = 400;

    private final Clock clock;
    private final int rootWarningDays;
    private final MeshChecks checks;

    /** Without the check's findings: for a run whose check found nothing broken. */
    public ReportReconcileService(Clock clock, int rootWarningDays) {
        this(clock, rootWarningDays, null);
    }

    /**
     * @param rootWarningDays a root CA expiring within this many days is reported as a warning
     * @param checks          where CheckRemoteSecrets kept the pairs it found broken
     */
    public ReportReconcileService(Clock clock, int rootWarningDays, MeshChecks checks) {
        this.clock = clock;
        this.rootWarningDays = rootWarningDays;
        this.checks = checks;
    }

    public ReconcileReport report(Membership membership, RemoteSecretsCheck remoteSecrets, ReconcileResults results) {
        return report(membership, remoteSecrets, results, null);
    }

    /**
     * @param membership    CheckMembership's output
     * @param remoteSecrets CheckRemoteSecrets' output: the subjects found broken (counted), the unreachable members,
     *                      the CAs
     * @param results       what the run's Maps and steps left; the holders of {@code results.repaired} are those of
     *                      this execution's findings
     * @param executionArn  this execution: only its own findings are read (one consistent read of the mesh's, and
     *                      none when its check found nothing)
     */
    public ReconcileReport report(Membership membership, RemoteSecretsCheck remoteSecrets, ReconcileResults results,
                                  String executionArn) {
        String meshId = membership.meshId();
        Sentences said = new Sentences();

        results.departures().forEach(d -> departure(d, said));
        results.ensured().forEach(m -> ensuredMember(m, said));
        results.cas().forEach(ca -> ensuredCa(ca, said));
        Map<String, SubjectFindings> asked = findings(meshId, remoteSecrets, executionArn);
        results.repaired().forEach(r -> secretRepair(r, asked, membership.members().size(), said));
        tokenRotations(results.rotations(), results.revocations(), said);
        for (RemoteSecretsCheck.Unreachable u : remoteSecrets.unreachable()) {
            said.stillBroken.add(u.clusterName() + " could not be checked: " + u.reason());
            for (Member m : membership.members()) {
                if (!m.clusterName().equals(u.clusterName())) {
                    said.brokenPairs.add(u.clusterName() + " holds " + m.clusterName());
                    said.brokenPairs.add(m.clusterName() + " holds " + u.clusterName());
                }
            }
        }
        istioRollout(results.istio(), results.istioRollout(), said);
        deferred(membership, results.istio(), said);
        OptionalInt unsynced = istiodView(remoteSecrets.istiod(), asked.values().stream()
                .flatMap(f -> f.unsynced().stream()).toList(), results.istiodRestarts(), said);
        MeshDiscovery discovery = results.discovery() != null ? results.discovery() : MeshDiscovery.none(meshId);
        discovery.notAdmitted().forEach(n -> said.stillBroken.add(n.clusterName() + " (" + n.region()
                + ") is tagged for the mesh but not admitted: its onboarding failed with " + n.lastError()
                + "; tried again at " + n.retryAt() + ", or at once when its tags change"));

        Instant now = clock.instant();
        Integer days = null;
        String first = null;
        var earliest = remoteSecrets.cas().stream()
                .flatMap(ca -> Stream.of(
                        new Expiry(ca.clusterName() + " intermediate", ca.intermediateNotAfter()),
                        new Expiry("root (via " + ca.clusterName() + ")", ca.rootNotAfter())))
                .filter(e -> e.notAfter() != null)
                .min(Comparator.comparing(Expiry::notAfter));
        if (earliest.isPresent()) {
            days = (int) Duration.between(now, earliest.get().notAfter()).toDays();
            first = earliest.get().what();
        }

        List<String> warnings = new ArrayList<>(said.warnings);
        remoteSecrets.cas().stream().map(MemberView.CaValidity::rootNotAfter).filter(Objects::nonNull)
                .distinct().sorted().findFirst()
                .filter(root -> root.isBefore(now.plus(Duration.ofDays(rootWarningDays))))
                .ifPresent(root -> warnings.add("the root CA of mesh " + meshId + " expires in "
                        + Duration.between(now, root).toDays() + " days (" + root + "): plan its rotation; "
                        + "intermediates cannot outlive it"));

        ReconcileOutcome outcome = !said.stillBroken.isEmpty() ? ReconcileOutcome.DEGRADED
                : said.repairs.isEmpty() ? ReconcileOutcome.HEALTHY : ReconcileOutcome.REPAIRED;
        int members = membership.members().size();
        String message = "Mesh " + meshId + ": " + members + " members, " + said.repairs.size() + " repairs, "
                + said.stillBroken.size() + " still broken"
                + (discovery.discovered().isEmpty() ? "" : ", " + discovery.discovered().size() + " discovered")
                + (days == null ? "." : "; the first CA (" + first + ") expires in " + days + " days.");
        List<ReconcileReport.Metric> metrics = metrics(meshId, members, said.brokenPairs.size(), unsynced, days);
        if (results.discovery() != null) {
            metrics.add(new ReconcileReport.Metric(ReconcileReport.CLUSTERS_OUTSIDE, metrics.get(0).dimensions(),
                    discovery.notAdmitted().size(), "Count"));
            metrics.add(new ReconcileReport.Metric(ReconcileReport.CLUSTERS_OUTSIDE_FOR_A_DAY,
                    metrics.get(0).dimensions(), discovery.outsideForADay(), "Count"));
        }
        LOG.info("{}: {}", outcome, message);
        ReconcileReport.More more = null;
        int left = Math.max(0, said.repairs.size() - MAX_SENTENCES) + Math.max(0, said.stillBroken.size()
                - MAX_SENTENCES) + Math.max(0, warnings.size() - MAX_SENTENCES);
        if (left > 0) {
            more = new ReconcileReport.More(said.repairs.size(), said.stillBroken.size(), warnings.size(),
                    "each subject's broken pairs: " + (checks == null ? "the execution's CheckRemoteSecrets log"
                            : checks.location(meshId) + ", the items of execution " + executionArn)
                            + "; each subject's repair: the execution's RepairEachSubject result");
            LOG.info("{} sentences left out of the report: {}", left, more.where());
        }
        return new ReconcileReport(meshId, outcome, members, said.brokenPairs.size(), bounded(said.repairs),
                bounded(said.stillBroken), bounded(warnings), days, first, discovery.discovered(),
                discovery.notAdmitted(), message, metrics, more);
    }

    /** The first {@value #MAX_SENTENCES} sentences, each cut at {@value #MAX_CHARS} characters. */
    private static List<String> bounded(List<String> sentences) {
        return sentences.stream().limit(MAX_SENTENCES)
                .map(s -> s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 3) + "...").toList();
    }

    /** At most {@value #MAX_NAMES} names, then how many more. */
    static String names(List<String> names) {
        return names.size() <= MAX_NAMES ? String.join(", ", names)
                : String.join(", ", names.subList(0, MAX_NAMES)) + " and " + (names.size() - MAX_NAMES) + " more";
    }

    /** This execution's findings of each subject, read only when its check found something. */
    private Map<String, SubjectFindings> findings(String meshId, RemoteSecretsCheck check, String executionArn) {
        Map<String, SubjectFindings> found = new LinkedHashMap<>();
        if (checks != null && (!check.repairs().isEmpty() || check.istiod().unsynced() > 0)) {
            checks.list(meshId).stream().filter(f -> Objects.equals(executionArn, f.executionArn()))
                    .forEach(f -> found.put(f.subject(), f));
        }
        return found;
    }

    /**
     * The mesh's metrics, dimension {@code MeshId}: an unknown figure is left out, never put as 0 (a 0 would say
     * healthy).
     *
     * @param unsyncedPairs ordered pairs whose holder's istiod does not report the subject synced, when known
     * @param days          days until the first CA expires, when any CA was read
     */
    static List<ReconcileReport.Metric> metrics(String meshId, int members, int brokenPairs, OptionalInt unsyncedPairs,
                                                Integer days) {
        List<ReconcileReport.Dimension> mesh = List.of(new ReconcileReport.Dimension(ReconcileReport.MESH_DIMENSION,
                meshId));
        List<ReconcileReport.Metric> metrics = new ArrayList<>();
        metrics.add(new ReconcileReport.Metric(ReconcileReport.MEMBERS, mesh, members, "Count"));
        metrics.add(new ReconcileReport.Metric(ReconcileReport.BROKEN_PAIRS, mesh, brokenPairs, "Count"));
        unsyncedPairs.ifPresent(n -> metrics.add(new ReconcileReport.Metric(ReconcileReport.UNSYNCED_PAIRS, mesh, n,
                "Count")));
        if (days != null) {
            metrics.add(new ReconcileReport.Metric(ReconcileReport.DAYS_UNTIL_FIRST_CA_EXPIRY, mesh, days, "None"));
        }
        return metrics;
    }

    /** The report's sentences so far, and the ordered pairs still broken ("a holds b"). */
    private static final class Sentences {
        final List<String> repairs = new ArrayList<>();
        final List<String> stillBroken = new ArrayList<>();
        final Set<String> brokenPairs = new TreeSet<>();
        final List<String> warnings = new ArrayList<>();
    }

    /**
     * istiod's own view after this run's restarts and re-check: a pair still not synced is broken (NOT_SYNCED), a
     * restart that left its holder synced is a repair; orphans and unknown views are warnings, not breakage.
     *
     * @return the ordered pairs not synced; empty when a member's view is unknown, since the count would then be a
     *         guess (UnsyncedPairs is not put rather than put too low)
     */
    private static OptionalInt istiodView(IstiodCheck istiod, List<UnsyncedPair> unsynced, List<String> restarts,
                                          Sentences said) {
        for (UnsyncedPair u : unsynced) {
            said.stillBroken.add(u.holder() + " holds " + u.subject() + ": NOT_SYNCED (its istiod says " + u.status()
                    + (restarts.contains(u.holder()) ? ", after a restart)" : ")"));
        }
        for (String holder : restarts) {
            if (unsynced.stream().noneMatch(u -> u.holder().equals(holder))) {
                said.repairs.add("restarted istiod in " + holder + ": it now reports every member synced");
            }
        }
        istiod.orphans().forEach(o -> said.warnings.add("the istiod of " + o.holder() + " manages cluster "
                + o.cluster() + ", which is no member (ORPHAN): remove its remote secret by hand if it is stale"));
        istiod.unknown().forEach(u -> said.warnings.add("the istiod view of " + u.holder() + " is unknown: " + u.reason()));
        if (istiod.unknownCount() > istiod.unknown().size()) {
            said.warnings.add("the istiod views of " + (istiod.unknownCount() - istiod.unknown().size())
                    + " more members are unknown (CheckRemoteSecrets' log names each)");
        }
        return istiod.unknownCount() == 0 ? OptionalInt.of(istiod.unsynced()) : OptionalInt.empty();
    }

    private record Expiry(String what, Instant notAfter) {
    }

    /** A departed member: retired, still held by a peer, or failed; and what became of its Istio. */
    private static void departure(DepartureResult d, Sentences said) {
        Departure departure = d.departure();
        String name = departure.member().clusterName();
        String reason = String.valueOf(departure.reason());
        if (d.retirement() != null && d.retirement().retired()) {
            said.repairs.add(name + " left the mesh (" + reason + "): its remote secrets removed, membership and "
                    + "intermediate CA retired");
        } else if (d.retirement() != null) {
            said.stillBroken.add(name + " is leaving the mesh (" + reason + ") but " + d.retirement().reason());
        } else {
            said.stillBroken.add(name + " is leaving the mesh (" + reason + ") but failed: " + summary(d.error()));
        }
        IstioRemoval removal = departure.istioRemoval();
        if (removal == null) {
            return;
        }
        if (removal.status() == IstioRemoval.Status.REMOVED && removal.objects().containsValue(
                ApplyOutcome.DELETED)) {
            said.repairs.add("mesh-onboarder's Istio removed from " + name + " (RemoveIstioOnLeave)");
        } else if (removal.status() == IstioRemoval.Status.NOT_OURS) {
            said.stillBroken.add(name + " left the mesh but its Istio stays: " + removal.reason());
        }
    }

    /** EnsureMembers: the controller's access entry and the CNI egress of each member. */
    private static void ensuredMember(EnsuredMember m, Sentences said) {
        String name = m.clusterName();
        if (m.error() != null) {
            said.stillBroken.add("the access or CNI egress of " + name + " could not be ensured: "
                    + m.error().summary());
            return;
        }
        Access access = m.access();
        if (access != null && Access.RECREATED.equals(access.accessEntry())) {
            said.repairs.add("access entry of " + name + " re-created (it was older than the cluster access role, "
                    + "which was created again: EKS no longer matched it)");
        } else if (access != null && Access.CREATED.equals(access.accessEntry())) {
            said.repairs.add("access entry of " + name + " created (it was missing)");
        } else if (access != null && Access.ASSOCIATED.equals(access.policy())) {
            said.repairs.add("cluster admin policy of " + name + "'s access entry associated again");
        }
        m.cniPatched().forEach((cluster, env) -> {
            List<String> variables = new ArrayList<>();
            env.forEach((variable, value) -> variables.add(variable + "=" + value));
            said.repairs.add("CNI egress of " + cluster + " put back (" + String.join(", ", variables)
                    + "; pods started before keep their setup until restarted)");
        });
    }

    private static void ensuredCa(EnsuredCa ca, Sentences said) {
        String name = ca.clusterName();
        if (ca.error() != null) {
            said.stillBroken.add("the CA of " + name + " could not be ensured: " + ca.error().summary());
        } else if (ca.reissued()) {
            said.repairs.add("intermediate CA of " + name + " re-issued (valid until " + ca.intermediateNotAfter()
                    + "), cacerts " + ca.cacerts());
        } else if (ca.cacerts() != null && ca.cacerts() != ApplyOutcome.UNCHANGED) {
            said.repairs.add("cacerts of " + name + " " + ca.cacerts());
        }
    }

    /**
     * One subject's repair, one sentence per outcome ("remote secret of b rewritten (MISSING in a, c)"): a mesh of 50
     * whose every pair broke makes 50 such sentences, not 2,450.
     */
    private static void secretRepair(RepairedSubject r, Map<String, SubjectFindings> asked, int members,
                                     Sentences said) {
        String subject = r.subject();
        SubjectFindings repair = asked.get(subject);
        if (repair == null) {
            if (r.error() != null) {
                // its findings are gone (CheckSuperseded): the pairs cannot be named, the run that replaced them can
                said.stillBroken.add("remote secret of " + subject + " not rewritten: " + r.error().summary());
            }
            return;
        }
        if (repair.failed().isEmpty() && r.failedCount() > r.failed().size()) {
            // the failures were not kept (the findings became another run's): which holders have it is unknown
            said.stillBroken.add("remote secret of " + subject + " not rewritten in " + r.failedCount() + " holders"
                    + r.failed().stream().map(f -> " (" + f.holder() + ": " + f.reason() + ")").findFirst().orElse("")
                    + "; the others were");
            return;
        }
        Map<String, String> failed = new LinkedHashMap<>();
        // every failure is in the findings; the result names the first only
        (repair.failed().isEmpty() ? r.failed() : repair.failed()).forEach(f -> failed.put(f.holder(), f.reason()));
        List<String> written = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        repair.holdersByProblem().forEach((problem, holders) -> {
            List<String> ok = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            holders.forEach(h -> (r.error() != null || failed.containsKey(h) ? broken : ok).add(h));
            if (!ok.isEmpty()) {
                // the day every token rotates, every holder of every subject: N sentences of N names would be N^2
                written.add(problem + " in " + (members > 2 && ok.size() == members - 1
                        ? "every other member" : names(ok)));
            }
            if (!broken.isEmpty()) {
                notWritten.add(problem + " in " + names(broken));
                broken.forEach(h -> said.brokenPairs.add(h + " holds " + subject));
            }
        });
        if (!written.isEmpty()) {
            said.repairs.add("remote secret of " + subject + " rewritten (" + String.join("; ", written) + ")");
        }
        if (r.error() != null) {
            said.stillBroken.add("remote secret of " + subject + " not rewritten (" + String.join("; ", notWritten)
                    + "): " + r.error().summary());
        } else {
            failed.forEach((holder, reason) -> said.stillBroken.add("remote secret of " + subject
                    + " not rewritten in " + holder + ": " + reason));
        }
    }

    /**
     * A rotation is repaired once its old token is revoked (every peer holds the new one); a rotation that failed, or
     * an old token kept because a peer does not hold the new one yet, is still broken.
     */
    private static void tokenRotations(List<RotatedMember> rotations, List<RevokedTokens> revocations,
                                       Sentences said) {
        for (RotatedMember r : rotations) {
            if (r.error() != null) {
                said.stillBroken.add("the reader token of " + r.clusterName() + " could not be rotated: "
                        + r.error().summary());
            }
        }
        for (RevokedTokens r : revocations) {
            String name = r.clusterName();
            if (r.error() != null) {
                said.stillBroken.add("the old reader token of " + name + " could not be revoked: "
                        + r.error().summary());
            } else if (!r.kept().isEmpty()) {
                said.stillBroken.add("the old reader token of " + name + " is kept (token Secrets "
                        + String.join(", ", r.kept()) + "): " + r.reason());
            } else if (!r.revoked().isEmpty()) {
                said.repairs.add("reader token of " + name + " rotated: every peer holds the new token, the old token "
                        + "Secrets " + String.join(", ", r.revoked()) + " deleted (revoked)");
            }
        }
    }

    /**
     * The Istio rollout: the members upgraded, the one it stopped at and those it never reached (in rollout order,
     * one at a time, so every member before the failed one was upgraded), the refusals and the unreadable members.
     */
    private static void istioRollout(IstioCheck istio, IstioRollout rollout, Sentences said) {
        if (istio == null) {
            return;
        }
        IstioRollout.Stop stop = rollout == null ? null : rollout.stop().orElse(null);
        CaughtError failure = rollout == null ? null : rollout.failure().orElse(null);
        if (failure != null && istio.version() == null) {
            // CheckIstio itself failed (IstioNotChecked): nothing was compared, nothing upgraded
            said.stillBroken.add("the Istio releases could not be checked: " + failure.summary());
        } else if (failure != null && stop == null) {
            // the Map itself failed: no member can be said to be upgraded
            said.stillBroken.add("the Istio rollout to " + istio.version() + " failed: " + failure.summary());
        }
        List<String> order = istio.upgrades().stream().map(u -> u.cluster().clusterName()).toList();
        int stopAt = stop == null ? -1 : order.indexOf(stop.clusterName());
        boolean finished = rollout != null && rollout.finished();
        for (int i = 0; i < order.size(); i++) {
            IstioCheck.Upgrade upgrade = istio.upgrades().get(i);
            String what = "Istio of " + order.get(i) + " (" + String.join(", ", upgrade.drift()) + ")";
            if (finished || i < stopAt) {
                said.repairs.add(what + " upgraded to " + istio.version() + " and ready");
            } else if (i == stopAt) {
                said.stillBroken.add(what + " not upgraded: the rollout stopped here, " + summary(stop.error()));
            } else if (stopAt >= 0) {
                said.stillBroken.add(what + " not upgraded: the rollout stopped at " + stop.clusterName()
                        + " before it");
            } else {
                said.stillBroken.add(what + " not upgraded");
            }
        }
        for (IstioCheck.Refusal refusal : istio.refused()) {
            said.stillBroken.add("Istio of " + refusal.clusterName() + " not upgraded (" + refusal.error() + "): "
                    + refusal.reason());
        }
        for (RemoteSecretsCheck.Unreachable u : istio.unreadable()) {
            said.stillBroken.add("the Istio releases of " + u.clusterName() + " could not be checked: " + u.reason());
        }
    }

    /** Work this run left to the next by design (the history quota): said as warnings, with the first names. */
    private static void deferred(Membership membership, IstioCheck istio, Sentences said) {
        if (istio != null && !istio.deferred().isEmpty()) {
            said.warnings.add(istio.deferred().size() + " more members' Istio upgrades to " + istio.version()
                    + " wait for the next run, which goes on with the rollout (a run upgrades at most "
                    + ReconcileBounds.UPGRADES_PER_RUN + "): " + first(istio.deferred()));
        }
        if (!membership.deferred().isEmpty()) {
            said.warnings.add(membership.deferred().size() + " more departed members leave in the next run (a run "
                    + "removes at most " + ReconcileBounds.DEPARTURES_PER_RUN + "): "
                    + first(membership.deferred()));
        }
    }

    private static String first(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    private static String summary(CaughtError error) {
        return error == null ? "unknown error" : error.summary();
    }
}
