package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.istiod.InMemoryIstiods;
import meshonboarder.istiod.MeshSync;
import meshonboarder.istiod.SyncStatus;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;
import meshonboarder.istiod.UnknownView;
import meshonboarder.istiod.UnsyncedPair;

/**
 * CheckRemoteSecrets with each member's istiod view: a right secret that istiod does not report synced is broken
 * (NOT_SYNCED) and its holder restarted once per run; a cluster istiod manages that is no member is an orphan; an
 * unknown view is only reported.
 */
class IstiodViewCheckTest {

    private static final List<Member> MEMBERS = List.of(member("mesh1", "a"), member("mesh1", "b"));
    private static final Membership MESH = new Membership("mesh1", MEMBERS, List.of(), 4);

    private final InMemoryIstiods istiods = new InMemoryIstiods();
    private final InMemoryMeshChecks checks = new InMemoryMeshChecks();
    private final CheckRemoteSecretsService service = new CheckRemoteSecretsService(m -> healthy(m.clusterName()),
            istiods, 30, checks);
    private final CheckRemoteSecretsService uncheckedService = new CheckRemoteSecretsService(
            m -> healthy(m.clusterName()), istiods, 30, null);

    /** The pairs not synced that the check kept, of every subject. */
    private List<UnsyncedPair> keptUnsynced() {
        return checks.list("mesh1").stream().flatMap(f -> f.unsynced().stream()).toList();
    }

    private static MemberView healthy(String name) {
        Map<String, MemberView.Held> held = new HashMap<>();
        String other = name.equals("a") ? "b" : "a";
        held.put(other, new MemberView.Held("https://" + other, "ca-" + other, "token-" + other));
        return new MemberView(name, null, "https://" + name, "ca-" + name, "token-" + name, true, held, null);
    }

    @Test
    void check_whenEveryIstiodReportsEveryPeerSynced_findsNothingAndRestartsNothing() {
        istiods.view("a", Map.of("b", SyncStatus.SYNCED)).view("b", Map.of("a", SyncStatus.SYNCED));

        IstiodCheck check = service.check(MESH, "run-1").istiod();

        assertThat(check.unsynced()).isZero();
        assertThat(checks.writes()).isZero(); // nothing broken: nothing kept
        assertThat(check.recheck()).isFalse();
        assertThat(istiods.restarts).isEmpty();
    }

    @Test
    void check_whenASecretIsRightButIstiodSaysTimeout_restartsThatHolderOnceThenRechecks() {
        istiods.view("a", Map.of("b", SyncStatus.TIMEOUT)).view("b", Map.of("a", SyncStatus.SYNCED));

        RemoteSecretsCheck first = service.check(MESH, "run-1");
        RemoteSecretsCheck again = service.check(MESH, "run-1");

        assertThat(first.repairs()).isEmpty(); // the secret is right: rewriting it would not help
        assertThat(first.istiod().unsynced()).isEqualTo(1);
        assertThat(keptUnsynced()).containsExactly(new UnsyncedPair("a", "b", "timeout"));
        assertThat(first.istiod().restarted()).containsExactly("a");
        assertThat(first.istiod().recheck()).isTrue();
        assertThat(first.istiod().recheckSeconds()).isEqualTo(30);
        assertThat(again.istiod().recheck()).isFalse();
        assertThat(istiods.restarts).containsExactly("a");
    }

    @Test
    void check_whenIstiodDoesNotManageAMember_isNotSyncedAsAbsent() {
        istiods.view("a", Map.of()).view("b", Map.of("a", SyncStatus.SYNCED));

        assertThat(uncheckedService.check(MESH, null).istiod().unsynced()).isEqualTo(1);
        service.check(MESH, "run-0");
        istiods.restarts.clear();
        assertThat(keptUnsynced()).containsExactly(new UnsyncedPair("a", "b", "absent"));
        assertThat(istiods.restarts).isEmpty(); // no run id: nothing restarted
    }

    @Test
    void check_whenIstiodManagesANonMember_reportsAnOrphan() {
        istiods.view("a", Map.of("b", SyncStatus.SYNCED, "gone", SyncStatus.TIMEOUT)).view("b", Map.of("a", SyncStatus.SYNCED));

        IstiodCheck check = service.check(MESH, "run-1").istiod();

        assertThat(check.orphans()).containsExactly(new IstiodCheck.Orphan("a", "gone"));
        assertThat(check.unsynced()).isZero();
    }

    @Test
    void check_whenAnIstiodPredatesTheGauge_reportsItUnknownNotBroken() {
        istiods.unknown("a").view("b", Map.of("a", SyncStatus.SYNCED));

        IstiodCheck check = service.check(MESH, "run-1").istiod();

        assertThat(check.unknown()).extracting(UnknownView::holder).containsExactly("a");
        assertThat(check.unsynced()).isZero();
        assertThat(istiods.restarts).isEmpty();
    }

    @Test
    void report_whenStillNotSyncedAfterARestart_isDegradedWithItsOwnReasonAndTheMetric() {
        istiods.view("a", Map.of("b", SyncStatus.SYNCING)).view("b", Map.of("a", SyncStatus.SYNCED));
        RemoteSecretsCheck check = service.check(MESH, "run-1");

        ReconcileReport report = new ReportReconcileService(Clock.systemUTC(), 30, checks).report(MESH, check,
                new ReconcileResults(null, null, null, null, null, null, null, null, List.of("a"), null), "run-1");

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.stillBroken()).anyMatch(s -> s.contains("a holds b: NOT_SYNCED (its istiod says syncing, after a restart)"));
        assertThat(report.metricData()).anyMatch(m -> m.metricName().equals(ReconcileReport.UNSYNCED_PAIRS) && m.value() == 1);
    }

    /** One view unknown makes the count a guess: UnsyncedPairs is then not put (a dashboard gap, not a false 0). */
    @Test
    void report_whenAViewIsUnknown_putsNoUnsyncedPairs() {
        istiods.unknown("a").view("b", Map.of("a", SyncStatus.SYNCED));
        RemoteSecretsCheck check = service.check(MESH, "run-1");

        ReconcileReport report = new ReportReconcileService(Clock.systemUTC(), 30).report(MESH, check,
                new ReconcileResults(null, null, null, null, null, null, null, null, List.of(), null));

        assertThat(report.warnings()).anyMatch(w -> w.contains("the istiod view of a is unknown"));
        assertThat(report.metricData()).extracting(m -> m.metricName())
                .contains(ReconcileReport.MEMBERS).doesNotContain(ReconcileReport.UNSYNCED_PAIRS);
    }

    /**
     * A mesh of 200 whose members all predate the gauge must not carry 200 reasons in the state: the first few are
     * named, the rest counted, and the report says how many more.
     */
    @Test
    void check_whenManyViewsAreUnknown_namesTheFirstAndCountsAll() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MeshSync.UNKNOWN_NAMED + 2; i++) {
            members.add(member("mesh1", "m" + i));
            istiods.unknown("m" + i);
        }
        Membership mesh = new Membership("mesh1", members, List.of(), 4);
        CheckRemoteSecretsService every = new CheckRemoteSecretsService(m -> {
            Map<String, MemberView.Held> held = new HashMap<>();
            members.stream().filter(o -> !o.equals(m)).forEach(o -> held.put(o.clusterName(),
                    new MemberView.Held("https://" + o.clusterName(), "ca-" + o.clusterName(),
                            "token-" + o.clusterName())));
            String name = m.clusterName();
            return new MemberView(name, null, "https://" + name, "ca-" + name, "token-" + name, true, held, null);
        }, istiods, 30, checks);

        IstiodCheck check = every.check(mesh, "run-1").istiod();

        assertThat(check.unknown()).hasSize(MeshSync.UNKNOWN_NAMED);
        assertThat(check.unknownCount()).isEqualTo(MeshSync.UNKNOWN_NAMED + 2);
        ReconcileReport report = new ReportReconcileService(Clock.systemUTC(), 30).report(mesh,
                every.check(mesh, "run-1"), ReconcileResults.none());
        assertThat(report.warnings()).contains("the istiod views of 2 more members are unknown (CheckRemoteSecrets' "
                + "log names each)");
        assertThat(report.metricData()).extracting(m -> m.metricName()).doesNotContain(ReconcileReport.UNSYNCED_PAIRS);
    }

    @Test
    void report_whenARestartLeftItsHolderSynced_isARepair() {
        istiods.view("a", Map.of("b", SyncStatus.SYNCED)).view("b", Map.of("a", SyncStatus.SYNCED));
        RemoteSecretsCheck check = service.check(MESH, "run-1");

        ReconcileReport report = new ReportReconcileService(Clock.systemUTC(), 30, checks).report(MESH, check,
                new ReconcileResults(null, null, null, null, null, null, null, null, List.of("a"), null), "run-1");

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REPAIRED);
        assertThat(report.repairs()).contains("restarted istiod in a: it now reports every member synced");
    }
}
