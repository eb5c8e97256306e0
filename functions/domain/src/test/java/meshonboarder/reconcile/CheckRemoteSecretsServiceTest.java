package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;

/**
 * CheckRemoteSecrets on in-memory members: each read once, the broken pairs made into one repair per subject, an
 * unreachable member reported while the others are judged. The pair rules themselves: PairCheckTest; the reads on
 * Kubernetes: KubernetesMemberReaderTest.
 */
class CheckRemoteSecretsServiceTest {

    private static final List<Member> MEMBERS = List.of(member("mesh1", "a"), member("mesh1", "b"),
            member("mesh1", "c"));

    private static final String RUN = "arn:aws:states:us-east-1:123456789012:execution:ReconcileMesh:run-1";
    private final Map<String, MemberView> views = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private final InMemoryMeshChecks checks = new InMemoryMeshChecks();
    private final CheckRemoteSecretsService service = new CheckRemoteSecretsService(m -> {
        reads.merge(m.clusterName(), 1, Integer::sum);
        MemberView view = views.get(m.clusterName());
        if (view == null) {
            throw new Transient("Could not reach the Kubernetes API server of " + m.clusterName() + ".");
        }
        return view;
    }, null, 0, checks);

    /** A member that holds a working secret of every other member, with its CA's validity. */
    private void healthy(String name, List<String> others) {
        Map<String, MemberView.Held> held = new HashMap<>();
        others.forEach(o -> held.put(o, new MemberView.Held("https://" + o, "ca-" + o, "token-" + o)));
        views.put(name, new MemberView(name, null, "https://" + name, "ca-" + name, "token-" + name, true, held,
                new MemberView.CaValidity(name, Instant.parse("2028-01-01T00:00:00Z"),
                        Instant.parse("2035-01-01T00:00:00Z"))));
    }

    private static Membership membership() {
        return new Membership("mesh1", MEMBERS, List.of(), 4);
    }

    @Test
    void check_whenEveryPairWorks_asksForNoRepairAndReadsEachMemberOnce() {
        healthy("a", List.of("b", "c"));
        healthy("b", List.of("a", "c"));
        healthy("c", List.of("a", "b"));

        RemoteSecretsCheck check = service.check(membership(), RUN);

        assertThat(check.repairs()).isEmpty();
        assertThat(checks.writes()).isZero(); // a healthy mesh's check writes nothing
        assertThat(check.unreachable()).isEmpty();
        assertThat(check.checked()).isEqualTo(3);
        // the fixture's members share one CA validity: the first to expire stands for all
        assertThat(check.cas()).singleElement().extracting(MemberView.CaValidity::clusterName).isIn("a", "b", "c");
        assertThat(check.maxConcurrency()).isEqualTo(4);
        assertThat(reads).containsOnly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", 1));
    }

    @Test
    void check_whenTwoHoldersLackASubject_asksForOneRepairOfThatSubject() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));

        RemoteSecretsCheck check = service.check(membership(), RUN);

        assertThat(check.repairs()).containsExactly(new RemoteSecretsCheck.Repair("c", 2));
        assertThat(checks.find("mesh1", "c")).contains(new SubjectFindings("c", RUN,
                Map.of(PairProblem.MISSING, List.of("a", "b")), List.of()));
        assertThat(checks.list("mesh1")).hasSize(1);
    }

    @Test
    void check_whenRunAgainInTheSameExecutionWithTheSameFindings_writesNothingNew() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));
        service.check(membership(), RUN);

        service.check(membership(), RUN);

        assertThat(checks.writes()).isEqualTo(1);
    }

    /** The second pass after an istiod restart: this run's findings of a subject now healthy must not be repaired. */
    @Test
    void check_whenASubjectOfThisExecutionIsHealthyAgain_deletesItsFindings() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));
        service.check(membership(), RUN);
        healthy("a", List.of("b", "c"));
        healthy("b", List.of("a", "c"));

        RemoteSecretsCheck again = service.check(membership(), RUN);

        assertThat(again.repairs()).isEmpty();
        assertThat(checks.list("mesh1")).isEmpty();
    }

    /** An older run's findings are never read as this run's: left unread (no write), or replaced when broken again. */
    @Test
    void check_whenAnotherExecutionsFindingsAreKept_leavesThoseOfHealthySubjectsAndReplacesTheOthers() {
        checks.put("mesh1", new SubjectFindings("a", "old-run", Map.of(PairProblem.MISSING, List.of("b")), List.of()));
        checks.put("mesh1", new SubjectFindings("c", "old-run", Map.of(PairProblem.MISSING, List.of("a", "b")),
                List.of()));
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));

        service.check(membership(), RUN);

        assertThat(checks.writes()).isEqualTo(3);
        assertThat(checks.find("mesh1", "a")).map(SubjectFindings::executionArn).contains("old-run");
        assertThat(checks.find("mesh1", "c")).map(SubjectFindings::executionArn).contains(RUN);
    }

    @Test
    void check_withoutAnExecution_isInvalidInputBeforeAnyWrite() {
        healthy("a", List.of("b"));

        assertThatThrownBy(() -> service.check(membership(), null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("$$.Execution.Id");
        assertThat(reads).isEmpty();
    }

    /**
     * Issue 25: the day every reader token rotates, every ordered pair of a mesh of 200 is broken. The state gets one
     * name and one count per subject; the holders (39,800 names) are kept per subject, each item far below
     * DynamoDB's 400 KB. The old shape, every holder named in the state, passes Step Functions' 256 KiB.
     */
    @Test
    void check_whenEveryPairOfTwoHundredIsBroken_keepsTheStateFarBelowStepFunctionsLimit() throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            members.add(member("mesh1", String.format("member-cluster-%03d", i)));
        }
        for (Member m : members) {
            String name = m.clusterName();
            Map<String, MemberView.Held> held = new HashMap<>();
            members.stream().filter(o -> o != m).forEach(o -> held.put(o.clusterName(), new MemberView.Held(
                    "https://" + o.clusterName(), "ca-" + o.clusterName(), "old-token")));
            views.put(name, new MemberView(name, null, "https://" + name, "ca-" + name, "token-" + name, true, held,
                    new MemberView.CaValidity(name, Instant.parse("2028-01-01T00:00:00Z"),
                            Instant.parse("2035-01-01T00:00:00Z"))));
        }
        Membership membership = new Membership("mesh1", members, List.of(), 10);

        RemoteSecretsCheck check = service.check(membership, RUN);

        int state = Json.MAPPER.writeValueAsBytes(check).length;
        assertThat(check.brokenPairs()).isEqualTo(200 * 199);
        // a name and a count a subject (about 46 bytes), and one or two CA validities, not one per member
        assertThat(state).as("bytes of $.remoteSecrets").isLessThan(12 * 1024);
        assertThat(check.cas()).hasSize(1);
        int largestItem = checks.list("mesh1").stream().mapToInt(f -> bytes(f)).max().orElseThrow();
        assertThat(largestItem).as("bytes of one subject's findings").isLessThan(16 * 1024);
        // what $.remoteSecrets.repairs held before: every subject with its member record and every holder's name
        List<SecretRepair> old = checks.list("mesh1").stream().map(f -> f.repair(members.stream()
                .filter(m -> m.clusterName().equals(f.subject())).findFirst().orElseThrow())).toList();
        assertThat(Json.MAPPER.writeValueAsBytes(old).length).as("bytes of the old repairs")
                .isGreaterThan(256 * 1024);
    }

    private static int bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void check_whenAMemberCannotBeRead_reportsItAndJudgesTheOtherPairs() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a", "c"));

        RemoteSecretsCheck check = service.check(membership(), RUN);

        assertThat(check.unreachable()).singleElement().satisfies(u -> {
            assertThat(u.clusterName()).isEqualTo("c");
            assertThat(u.reason()).startsWith("Transient: Could not reach");
        });
        assertThat(check.repairs()).isEmpty();
        assertThat(check.cas()).singleElement().extracting(MemberView.CaValidity::clusterName).isIn("a", "b");
    }

    /** One or two CA validities, not one per member: the first intermediate and the first root to expire. */
    @Test
    void firstToExpire_keepsTheEarliestIntermediateAndTheEarliestRoot() {
        Instant day = Instant.parse("2028-01-01T00:00:00Z");
        MemberView.CaValidity a = new MemberView.CaValidity("a", day.plus(Duration.ofDays(3)), day.plus(Duration.ofDays(900)));
        MemberView.CaValidity b = new MemberView.CaValidity("b", day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(800)));
        MemberView.CaValidity c = new MemberView.CaValidity("c", day.plus(Duration.ofDays(2)), day.plus(Duration.ofDays(700)));

        assertThat(RemoteSecretsCheck.firstToExpire(List.of(a, b, c))).containsExactly(b, c);
        assertThat(RemoteSecretsCheck.firstToExpire(List.of(a, b))).containsExactly(b);
        assertThat(RemoteSecretsCheck.firstToExpire(List.of())).isEmpty();
    }

    /** $.remoteSecrets as the state machine keeps it: the subject's name and how many holders, no holder. */
    @Test
    void check_whenWritten_namesEachSubjectAsTheRepairMapReadsIt() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));

        var json = Json.MAPPER.valueToTree(service.check(membership(), RUN));

        assertThat(json.at("/repairs/0").toString()).isEqualTo("{\"subject\":\"c\",\"holders\":2}");
        assertThat(json.at("/istiod/unsynced").asInt()).isZero();
    }
}
