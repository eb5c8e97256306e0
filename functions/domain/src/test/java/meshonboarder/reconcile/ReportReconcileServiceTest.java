package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ReportReconcileServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:execution:ReconcileMesh:run-1";
    private final InMemoryMeshChecks checks = new InMemoryMeshChecks();
    private final ReportReconcileService service = new ReportReconcileService(Clock.fixed(NOW, ZoneOffset.UTC), 180,
            checks);
    private final List<Member> members = List.of(member("mesh1", "a"), member("mesh1", "b"), member("mesh1", "c"));
    private final Membership membership = new Membership("mesh1", members, List.of(), 10);

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The results as ReportReconcile's Parameters pass them: each field as its Map or step left it in the state. */
    private static ReconcileResults results(String field, List<JsonNode> items) {
        var node = Json.MAPPER.createObjectNode();
        node.putArray(field).addAll(items);
        return convert(node);
    }

    private static ReconcileResults convert(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, ReconcileResults.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReconcileResults istio(IstioCheck check, JsonNode rollout) {
        var node = Json.MAPPER.createObjectNode();
        node.set("istio", Json.MAPPER.valueToTree(check));
        node.set("istioRollout", rollout);
        return convert(node);
    }

    private RemoteSecretsCheck check(List<RemoteSecretsCheck.Unreachable> unreachable) {
        return check(unreachable, List.of());
    }

    /** The check as the state carries it (subjects and counts); the holders kept in the checks, as this run's. */
    private RemoteSecretsCheck check(List<RemoteSecretsCheck.Unreachable> unreachable, List<SecretRepair> asked) {
        asked.forEach(a -> checks.put("mesh1", new SubjectFindings(a.subject().clusterName(), RUN,
                a.holdersByProblem(), List.of())));
        List<RemoteSecretsCheck.Repair> repairs = asked.stream().map(a -> new RemoteSecretsCheck.Repair(
                a.subject().clusterName(), a.holders().size())).toList();
        return new RemoteSecretsCheck("mesh1", 3, repairs, unreachable, List.of(
                new MemberView.CaValidity("a", NOW.plus(Duration.ofDays(700)), NOW.plus(Duration.ofDays(3000))),
                new MemberView.CaValidity("b", NOW.plus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(3000)))), 10);
    }

    private ReconcileReport report(Membership membership, RemoteSecretsCheck check, ReconcileResults results) {
        return service.report(membership, check, results, RUN);
    }

    @Test
    void report_whenNothingWasBroken_isHealthyWithItsMetrics() {
        ReconcileReport report = report(membership, check(List.of()), ReconcileResults.none());

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.HEALTHY);
        assertThat(report.repairs()).isEmpty();
        assertThat(report.stillBroken()).isEmpty();
        assertThat(report.daysUntilFirstCaExpiry()).isEqualTo(40);
        assertThat(report.firstCaToExpire()).isEqualTo("b intermediate");
        assertThat(report.metricData()).extracting(ReconcileReport.Metric::metricName, ReconcileReport.Metric::value)
                .containsExactly(Tuple.tuple("Members", 3.0),
                        Tuple.tuple("BrokenPairs", 0.0),
                        Tuple.tuple("UnsyncedPairs", 0.0),
                        Tuple.tuple("DaysUntilFirstCaExpiry", 40.0));
        // the names PutMetricData takes, as the state machine passes them on
        assertThat(Json.MAPPER.valueToTree(report.metricData().get(0)).toString())
                .contains("\"MetricName\":\"Members\"", "\"Dimensions\":[{\"Name\":\"MeshId\",\"Value\":\"mesh1\"}]");
    }

    /** UnsyncedPairs is put only when istiod's view was read: a 0 for an unknown figure would say every pair synced. */
    @Test
    void metrics_whenUnsyncedPairsKnownOrNot_putThemOnlyWhenKnown() {
        assertThat(ReportReconcileService.metrics("mesh1", 3, 1, OptionalInt.empty(), null))
                .extracting(ReconcileReport.Metric::metricName).containsExactly("Members", "BrokenPairs");
        assertThat(ReportReconcileService.metrics("mesh1", 3, 1, OptionalInt.of(2), 40))
                .extracting(ReconcileReport.Metric::metricName, ReconcileReport.Metric::value)
                .containsExactly(Tuple.tuple("Members", 3.0), Tuple.tuple("BrokenPairs", 1.0),
                        Tuple.tuple("UnsyncedPairs", 2.0), Tuple.tuple("DaysUntilFirstCaExpiry", 40.0));
        assertThat(ReportReconcileService.metrics("mesh1", 3, 1, OptionalInt.of(2), 40))
                .extracting(ReconcileReport.Metric::metricName).containsExactlyElementsOf(ReconcileReport.METRICS);
    }

    @Test
    void report_whenPairsRepairedAndMemberDeparted_isRepairedAndListsEachRepair() {
        List<JsonNode> departures = List.of(json("{'departure': {'member': {'clusterName': 'd'}, 'reason': "
                + "'MESH_TAG_REMOVED'}, 'retirement': {'retired': true}}"));
        Map<PairProblem, List<String>> holders = new LinkedHashMap<>();
        holders.put(PairProblem.MISSING, List.of("a"));
        holders.put(PairProblem.STALE_TOKEN, List.of("c"));
        List<SecretRepair> asked = List.of(new SecretRepair(InMemoryMesh.member("mesh1", "b"), holders));
        List<JsonNode> repaired = List.of(json("{'subject': 'b', 'failed': []}"));
        List<JsonNode> cas = List.of(json("{'clusterName': 'a', 'intermediateOutcome': 'REUSED', 'cacerts': 'UNCHANGED'}"),
                json("{'clusterName': 'b', 'intermediateOutcome': 'ISSUED', 'cacerts': 'UPDATED', "
                        + "'intermediateNotAfter': '2028-11-29T12:00:00Z'}"));

        var node = Json.MAPPER.createObjectNode();
        node.putArray("departures").addAll(departures);
        node.putArray("cas").addAll(cas);
        node.putArray("repaired").addAll(repaired);
        ReconcileReport report = report(membership, check(List.of(), asked), convert(node));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REPAIRED);
        assertThat(report.repairs()).containsExactly(
                "d left the mesh (MESH_TAG_REMOVED): its remote secrets removed, membership and intermediate CA retired",
                "intermediate CA of b re-issued (valid until 2028-11-29T12:00:00Z), cacerts UPDATED",
                "remote secret of b rewritten (MISSING in a; STALE_TOKEN in c)");
        assertThat(report.brokenPairs()).isZero();
    }

    @Test
    void report_whenIstioRemovedFromADepartedCluster_listsItAndWhatWasNotOurs() {
        List<JsonNode> departures = List.of(
                json("{'departure': {'member': {'clusterName': 'd'}, 'reason': 'MESH_TAG_REMOVED', 'istioRemoval': "
                        + "{'status': 'REMOVED', 'objects': {'helm release istiod': 'DELETED'}}}, "
                        + "'retirement': {'retired': true}}"),
                json("{'departure': {'member': {'clusterName': 'e'}, 'reason': 'MESH_TAG_REMOVED', 'istioRemoval': "
                        + "{'status': 'NOT_OURS', 'reason': 'istiod was not installed by mesh-onboarder'}}, "
                        + "'retirement': {'retired': true}}"),
                json("{'departure': {'member': {'clusterName': 'f'}, 'reason': 'MESH_TAG_REMOVED', 'istioRemoval': "
                        + "{'status': 'KEPT'}}, 'retirement': {'retired': true}}"));

        ReconcileReport report = report(membership, check(List.of()), results("departures", departures));

        assertThat(report.repairs()).contains("mesh-onboarder's Istio removed from d (RemoveIstioOnLeave)")
                .noneMatch(r -> r.contains("Istio removed from f"));
        assertThat(report.stillBroken()).containsExactly(
                "e left the mesh but its Istio stays: istiod was not installed by mesh-onboarder");
    }

    @Test
    void report_whenARepairFailedOrAMemberIsUnreachable_isDegradedAndCountsTheBrokenPairs() {
        List<SecretRepair> asked = List.of(
                new SecretRepair(InMemoryMesh.member("mesh1", "b"), Map.of(PairProblem.MISSING, List.of("a"))),
                new SecretRepair(InMemoryMesh.member("mesh1", "a"), Map.of(PairProblem.STALE_CA, List.of("b"))));
        List<JsonNode> repaired = List.of(json("{'subject': 'b', "
                + "'error': {'Error': 'meshonboarder.errors.AccessDenied', "
                + "'Cause': '{\\'errorMessage\\': \\'refused\\'}'}}"),
                json("{'subject': 'a', 'failed': [{'holder': 'b', "
                        + "'reason': 'Transient: no answer'}]}"));
        List<JsonNode> departures = List.of(json("{'departure': {'member': {'clusterName': 'd'}, 'reason': "
                + "'CLUSTER_DELETED'}, 'retirement': {'retired': false, 'reason': 'Peers [a] still hold its secret'}}"));

        var node = Json.MAPPER.createObjectNode();
        node.putArray("departures").addAll(departures);
        node.putArray("repaired").addAll(repaired);
        ReconcileReport report = report(membership,
                check(List.of(new RemoteSecretsCheck.Unreachable("c", "Transient: no answer")), asked), convert(node));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.stillBroken()).containsExactly(
                "d is leaving the mesh (CLUSTER_DELETED) but Peers [a] still hold its secret",
                "remote secret of b not rewritten (MISSING in a): meshonboarder.errors.AccessDenied: refused",
                "remote secret of a not rewritten in b: Transient: no answer",
                "c could not be checked: Transient: no answer");
        // a holds b, b holds a, and c's four pairs with a and b
        assertThat(report.brokenPairs()).isEqualTo(6);
    }

    @Test
    void report_whenEnsureMembersRepairedAccessAndCni_listsEachRepairAndWhatStillFailed() {
        List<JsonNode> ensured = List.of(
                json("{'clusterName': 'a', 'access': {'accessEntry': 'RECREATED', 'policy': 'ASSOCIATED'}, "
                        + "'cniPatched': {}}"),
                json("{'clusterName': 'b', 'access': {'accessEntry': 'EXISTING', 'policy': 'EXISTING'}, "
                        + "'cniPatched': {'b': {'ENABLE_V4_EGRESS': 'true'}}}"),
                json("{'clusterName': 'c', 'error': {'Error': 'meshonboarder.errors.AccessDenied', "
                        + "'Cause': '{\\'errorMessage\\': \\'refused\\'}'}}"));

        ReconcileReport report = report(membership, check(List.of()), results("ensured", ensured));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.repairs()).containsExactly(
                "access entry of a re-created (it was older than the cluster access role, which was created again: "
                        + "EKS no longer matched it)",
                "CNI egress of b put back (ENABLE_V4_EGRESS=true; pods started before keep their setup until restarted)");
        assertThat(report.stillBroken()).containsExactly(
                "the access or CNI egress of c could not be ensured: meshonboarder.errors.AccessDenied: refused");
    }

    @Test
    void report_whenEnsureMembersFoundEverythingInPlace_isHealthy() {
        List<JsonNode> ensured = List.of(json("{'clusterName': 'a', 'access': {'accessEntry': 'EXISTING', "
                + "'policy': 'EXISTING'}, 'cniPatched': {}}"));

        ReconcileReport report = report(membership, check(List.of()), results("ensured", ensured));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.HEALTHY);
        assertThat(report.repairs()).isEmpty();
    }

    @Test
    void report_whenRootExpiresWithinTheWarningDays_warnsButStaysHealthy() {
        RemoteSecretsCheck soon = new RemoteSecretsCheck("mesh1", 3, List.of(), List.of(), List.of(
                new MemberView.CaValidity("a", NOW.plus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(100)))), 10);

        ReconcileReport report = report(membership, soon, ReconcileResults.none());

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.HEALTHY);
        assertThat(report.warnings()).singleElement().asString().startsWith("the root CA of mesh mesh1 expires in 100 days");
        assertThat(report(membership, check(List.of()), ReconcileResults.none()).warnings()).isEmpty();
    }

    @Test
    void report_whenOldTokenRevokedOrKept_listsRotationAsRepairOrStillBroken() {
        List<JsonNode> rotations = List.of(
                json("{'clusterName': 'a', 'oldTokenSecrets': ['old']}"),
                json("{'clusterName': 'c', 'error': {'Error': 'meshonboarder.errors.Transient', "
                        + "'Cause': '{\\'errorMessage\\': \\'not filled\\'}'}}"));
        List<JsonNode> revocations = List.of(
                json("{'clusterName': 'a', 'revoked': ['old'], 'kept': []}"),
                json("{'clusterName': 'b', 'revoked': [], 'kept': ['old-b'], 'reason': 'c does not hold the new token yet'}"),
                json("{'clusterName': 'c', 'revoked': [], 'kept': []}"));

        var node = Json.MAPPER.createObjectNode();
        node.putArray("rotations").addAll(rotations);
        node.putArray("revocations").addAll(revocations);
        ReconcileReport report = report(membership, check(List.of()), convert(node));

        assertThat(report.repairs()).containsExactly("reader token of a rotated: every peer holds the new token, "
                + "the old token Secrets old deleted (revoked)");
        assertThat(report.stillBroken()).containsExactly(
                "the reader token of c could not be rotated: meshonboarder.errors.Transient: not filled",
                "the old reader token of b is kept (token Secrets old-b): c does not hold the new token yet");
        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
    }

    private static IstioCheck istio(List<IstioCheck.Refusal> refused, String... upgrades) {
        List<IstioCheck.Upgrade> list = Arrays.stream(upgrades).map(name -> new IstioCheck.Upgrade(
                new Cluster(name, "us-east-1", "mesh1", "net-" + name, null, "ACTIVE", null,
                        IpFamily.IPV4, null, null, null, false),
                null, "1.30.4", List.of("istiod 1.30.4 -> 1.31.0"))).toList();
        return new IstioCheck("mesh1", "1.31.0", 3, list, refused, List.of());
    }

    @Test
    void report_whenIstioRolloutFinished_listsEveryUpgrade() {
        ReconcileReport report = report(membership, check(List.of()), istio(istio(List.of(), "a", "b", "c"),
                json("{'upgraded': [{'clusterName': 'a'}, {'clusterName': 'b'}, {'clusterName': 'c'}]}")));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REPAIRED);
        assertThat(report.repairs()).containsExactly("Istio of a (istiod 1.30.4 -> 1.31.0) upgraded to 1.31.0 and ready",
                "Istio of b (istiod 1.30.4 -> 1.31.0) upgraded to 1.31.0 and ready",
                "Istio of c (istiod 1.30.4 -> 1.31.0) upgraded to 1.31.0 and ready");
    }

    /** Work a run leaves to the next by design (the history quota) is a warning, not a failure. */
    @Test
    void report_whenUpgradesAndDeparturesAreDeferred_warnsWithCountsAndFirstNames() {
        IstioCheck upgrading = istio(List.of(), "a");
        IstioCheck withDeferred = new IstioCheck("mesh1", "1.31.0", 3, upgrading.upgrades(), List.of(), List.of(),
                List.of("d1", "d2", "d3", "d4", "d5", "d6", "d7"));
        Membership departing = new Membership("mesh1", members, List.of(), 10, List.of("gone-3"));

        ReconcileReport report = service.report(departing, check(List.of()), istio(withDeferred,
                json("{'upgraded': [{'clusterName': 'a'}]}")));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.REPAIRED);
        assertThat(report.warnings()).containsExactly(
                "7 more members' Istio upgrades to 1.31.0 wait for the next run, which goes on with the rollout (a "
                        + "run upgrades at most 20): d1, d2, d3, d4, d5 and 2 more",
                "1 more departed members leave in the next run (a run removes at most 2): gone-3");
    }

    @Test
    void report_whenIstioRolloutStopped_namesTheMemberAndLeavesTheRestUntouched() {
        // the Map's error: the failed iteration's state, as UpgradeStopped wrote it into the Cause (JSON)
        var state = Json.MAPPER.createObjectNode();
        state.putObject("cluster").put("clusterName", "b");
        state.putObject("error").put("Error", "meshonboarder.errors.WaitTimedOut").put("Cause", "istiod not ready");
        JsonNode rollout = Json.MAPPER.createObjectNode().put("Error", "meshonboarder.errors.WaitTimedOut")
                .put("Cause", state.toString());
        ReconcileReport report = report(membership, check(List.of()), istio(istio(List.of(), "a", "b", "c"),
                rollout));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.repairs()).containsExactly("Istio of a (istiod 1.30.4 -> 1.31.0) upgraded to 1.31.0 and ready");
        assertThat(report.stillBroken()).containsExactly(
                "Istio of b (istiod 1.30.4 -> 1.31.0) not upgraded: the rollout stopped here, "
                        + "meshonboarder.errors.WaitTimedOut: istiod not ready",
                "Istio of c (istiod 1.30.4 -> 1.31.0) not upgraded: the rollout stopped at b before it");
    }

    @Test
    void report_whenIstioUpgradeRefused_isDegradedWithTheNamedError() {
        ReconcileReport report = report(membership, check(List.of()), istio(istio(List.of(
                new IstioCheck.Refusal("a", "meshonboarder.errors.IstioMinorSkipped", "Upgrade through 1.31 first."))),
                json("{'upgraded': []}")));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.stillBroken()).containsExactly(
                "Istio of a not upgraded (meshonboarder.errors.IstioMinorSkipped): Upgrade through 1.31 first.");
    }

    @Test
    void report_whenCheckIstioFailed_isDegradedAndSaysTheReleasesCouldNotBeChecked() {
        // IstioNotChecked: the ASL's empty check, with CheckIstio's error where the rollout's would be
        IstioCheck notChecked = new IstioCheck("mesh1", null, 0, List.of(), List.of(), List.of());
        JsonNode error = json("{'Error': 'meshonboarder.errors.IstioValuesInvalid', "
                + "'Cause': '{\\'errorMessage\\': \\'the values document is not YAML\\'}'}");

        ReconcileReport report = report(membership, check(List.of()), istio(notChecked, error));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.stillBroken()).containsExactly("the Istio releases could not be checked: "
                + "meshonboarder.errors.IstioValuesInvalid: the values document is not YAML");
    }

    /** The result names one failure; the others are in the findings, unless they became another run's meanwhile. */
    @Test
    void report_whenTheFailuresWereNotKept_countsThemWithoutClaimingTheOtherHoldersRewritten() {
        List<SecretRepair> asked = List.of(new SecretRepair(InMemoryMesh.member("mesh1", "b"),
                Map.of(PairProblem.MISSING, List.of("a", "c"))));

        ReconcileReport report = report(membership, check(List.of(), asked), results("repaired", List.of(json(
                "{'subject': 'b', 'failed': [{'holder': 'a', 'reason': 'AccessDenied: no'}], 'failedCount': 2}"))));

        assertThat(report.outcome()).isEqualTo(ReconcileOutcome.DEGRADED);
        assertThat(report.repairs()).isEmpty();
        assertThat(report.stillBroken()).containsExactly(
                "remote secret of b not rewritten in 2 holders (a: AccessDenied: no); the others were");
    }

    @Test
    void report_whenEveryOtherMemberHeldAStaleSecret_saysSoInsteadOfListingThem() {
        // the membership is a, b, c: the day b's token rotated, a and c held its old one
        List<SecretRepair> asked = List.of(new SecretRepair(InMemoryMesh.member("mesh1", "b"),
                Map.of(PairProblem.STALE_TOKEN, List.of("a", "c"))));

        ReconcileReport report = report(membership, check(List.of(), asked),
                results("repaired", List.of(json("{'subject': 'b', 'failed': []}"))));

        assertThat(report.repairs()).containsExactly("remote secret of b rewritten (STALE_TOKEN in every other member)");
    }

    /**
     * Issue 25: the report goes into one Mesh Reconciled event (256 KB per PutEvents entry) and the state (256 KiB).
     * A mesh of 200 whose every pair broke, half of whose subjects then failed in every holder: 39,800 broken pairs,
     * 19,900 of them still broken, one sentence each; the report keeps 50 sentences per list, the counts whole, and
     * {@code $.repaired} names one failure per subject. Had every subject failed, it would hold twice as much.
     */
    @Test
    void report_whenEveryPairOfTwoHundredIsBrokenAndHalfStayBroken_staysBoundedAndSaysWhereTheRestIs()
            throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            members.add(member("mesh1", String.format("member-cluster-%03d", i)));
        }
        List<SecretRepair> asked = members.stream().map(m -> new SecretRepair(m, Map.of(PairProblem.STALE_TOKEN,
                members.stream().filter(o -> o != m).map(Member::clusterName).toList()))).toList();
        RemoteSecretsCheck check = check(List.of(), asked);
        var repaired = Json.MAPPER.createArrayNode();
        for (int i = 0; i < members.size(); i++) {
            Member subject = members.get(i);
            List<SecretRepairResult.Failure> failures = i % 2 == 1 ? List.of() : members.stream()
                    .filter(h -> h != subject).map(h -> new SecretRepairResult.Failure(h.clusterName(),
                            "AccessDenied: the API server of " + h.clusterName() + " refused mesh-onboarder's "
                                    + "writes of Secrets in istio-system; grant them")).toList();
            // as RepairRemoteSecrets leaves it: every failure in the findings, the first ten in the state
            checks.replaceOwn("mesh1", checks.find("mesh1", subject.clusterName()).orElseThrow().withFailed(failures));
            repaired.add(Json.MAPPER.valueToTree(new SecretRepairResult(subject.clusterName(), failures).bounded()));
        }
        var node = Json.MAPPER.createObjectNode();
        node.set("repaired", repaired);
        assertThat(Json.MAPPER.writeValueAsBytes(repaired).length).as("bytes of $.repaired").isLessThan(32 * 1024);

        ReconcileReport report = report(new Membership("mesh1", members, List.of(), 10), check, convert(node));

        assertThat(report.brokenPairs()).isEqualTo(100 * 199);
        assertThat(report.repairs()).hasSize(ReportReconcileService.MAX_SENTENCES);
        assertThat(report.stillBroken()).hasSize(ReportReconcileService.MAX_SENTENCES);
        assertThat(report.more().repairs()).isEqualTo(100);
        assertThat(report.more().stillBroken()).isEqualTo(100 * 199);
        assertThat(report.more().where()).contains("memory, mesh mesh1").contains(RUN);
        assertThat(report.message()).contains("100 repairs, 19900 still broken");
        assertThat(Json.MAPPER.writeValueAsBytes(report).length).as("bytes of $.report").isLessThan(64 * 1024);
    }
}
