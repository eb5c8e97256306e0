package meshonboarder.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.CheckSuperseded;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.PrivateApiEndpoint;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.remote.InMemoryRemoteSecretClusters;
import meshonboarder.remote.ReaderKubeconfig;
import org.junit.jupiter.api.Test;

/**
 * RepairRemoteSecrets on in-memory clusters: one subject read once, written into the holders listed, and what
 * becomes of a holder that cannot be written. On Kubernetes: RepairRemoteSecretsHandlerTest.
 */
class RepairRemoteSecretsServiceTest {

    private final InMemoryRemoteSecretClusters clusters = new InMemoryRemoteSecretClusters();
    private final List<String> described = new ArrayList<>();
    private boolean publicAccess = true;
    private final ApiServers apiServers = (region, name) -> {
        described.add(name);
        return server(name);
    };
    private final InMemoryMeshChecks checks = new InMemoryMeshChecks();
    private final RepairRemoteSecretsService service = new RepairRemoteSecretsService(clusters, apiServers,
            new ExchangeSettings(false), checks);

    private ApiServer server(String name) {
        return new ApiServer("https://" + name + ".example", "Q0E=", publicAccess);
    }

    private static Member member(String name) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name);
    }

    private static final List<Member> MEMBERS = List.of(member("eks-a"), member("eks-b"), member("eks-c"));

    private static SecretRepair repair(String subject, Map<PairProblem, List<String>> holdersByProblem) {
        return new SecretRepair(member(subject), holdersByProblem);
    }

    private void start() {
        clusters.readerReady("eks-a");
        clusters.add("eks-b");
        clusters.add("eks-c");
    }

    @Test
    void repair_ofASubjectByName_rewritesTheHoldersThisExecutionsCheckKept() {
        start();
        checks.put("mesh1", new SubjectFindings("eks-a", "run-1", Map.of(PairProblem.MISSING, List.of("eks-b")),
                List.of()));

        SecretRepairResult result = service.repair("eks-a", MEMBERS, "run-1");

        assertThat(result).isEqualTo(new SecretRepairResult("eks-a", List.of()));
        assertThat(clusters.writes()).containsExactly("write eks-a into eks-b: CREATED");
    }

    /** Another run checked since (its findings replaced this run's), or they are gone: nothing from an old check. */
    @Test
    void repair_whenTheKeptFindingsAreAnotherExecutionsOrGone_isCheckSupersededAndWritesNothing() {
        start();
        checks.put("mesh1", new SubjectFindings("eks-a", "run-2", Map.of(PairProblem.MISSING, List.of("eks-b")),
                List.of()));

        assertThatThrownBy(() -> service.repair("eks-a", MEMBERS, "run-1")).isInstanceOf(CheckSuperseded.class)
                .hasMessageContaining("those of execution run-2").hasMessageContaining("start ReconcileMesh");
        assertThatThrownBy(() -> service.repair("eks-b", MEMBERS, "run-1")).isInstanceOf(CheckSuperseded.class)
                .hasMessageContaining("are gone");
        assertThatThrownBy(() -> service.repair("eks-z", MEMBERS, "run-1")).isInstanceOf(InvalidInput.class);
        assertThat(clusters.writes()).isEmpty();
    }

    @Test
    void repair_whenTheSubjectsReaderIsFilled_writesItsSecretIntoEveryListedHolderOnly() {
        start();
        Map<PairProblem, List<String>> holders = new LinkedHashMap<>();
        holders.put(PairProblem.MISSING, List.of("eks-b"));
        holders.put(PairProblem.STALE_TOKEN, List.of("eks-c"));

        SecretRepairResult result = service.repair(repair("eks-a", holders), MEMBERS);

        assertThat(result).isEqualTo(new SecretRepairResult("eks-a", List.of()));
        ReaderKubeconfig expected = new ReaderKubeconfig("eks-a", server("eks-a"), clusters.side("eks-a").token());
        assertThat(clusters.side("eks-b").held("eks-a")).isEqualTo(expected);
        assertThat(clusters.side("eks-c").held("eks-a")).isEqualTo(expected);
        // one direction: the subject is given nothing
        assertThat(clusters.side("eks-a").held()).isEmpty();
    }

    /** Issue 23: on 1.30.0-1.30.3 a rotation's rewrite can wipe the subject's endpoints in the holder's istiod. */
    @Test
    void repair_whenARotationsHolderRunsAKnownBadRelease_leavesItsSecretAndReportsWhy() {
        start();
        clusters.side("eks-b").istiod("1.30.3");
        clusters.side("eks-c").istiod("1.30.3");
        clusters.holds("eks-b", "eks-a");
        ReaderKubeconfig before = clusters.side("eks-b").held("eks-a");
        Map<PairProblem, List<String>> holders = new LinkedHashMap<>();
        holders.put(PairProblem.STALE_TOKEN, List.of("eks-b"));
        holders.put(PairProblem.MISSING, List.of("eks-c"));

        SecretRepairResult result = service.repair(repair("eks-a", holders), MEMBERS);

        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.holder()).isEqualTo("eks-b");
            assertThat(f.reason()).startsWith("IstioReleaseKnownBad: Not rewriting istio-remote-secret-eks-a")
                    .contains("Istio 1.30.3").contains("Upgrade it first");
        });
        assertThat(clusters.side("eks-b").held("eks-a")).isSameAs(before);
        // a missing secret is created, not rewritten: the holder's release does not matter
        assertThat(clusters.side("eks-c").held("eks-a")).isNotNull();
    }

    @Test
    void repair_whenARotationsHolderRunsAFixedRelease_rewritesIt() {
        start();
        clusters.side("eks-b").istiod("1.30.4");

        SecretRepairResult result = service.repair(repair("eks-a", Map.of(PairProblem.STALE_TOKEN, List.of("eks-b"))),
                MEMBERS);

        assertThat(result.failed()).isEmpty();
        assertThat(clusters.writes()).containsExactly("write eks-a into eks-b: CREATED");
    }

    @Test
    void repair_whenItReadsTheSubject_describesItOnceAndConnectsWithThatServer() {
        start();

        service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b", "eks-c"))), MEMBERS);

        assertThat(described).containsExactly("eks-a");
        assertThat(clusters.log).filteredOn(l -> l.startsWith("connect ")).containsExactly(
                "connect eks-a to https://eks-a.example", "connect eks-b", "connect eks-c");
    }

    @Test
    void repair_whenRunTwice_theSecondRunWritesNothingNew() {
        start();
        SecretRepair repair = repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b")));
        service.repair(repair, MEMBERS);

        service.repair(repair, MEMBERS);

        assertThat(clusters.writes()).containsExactly("write eks-a into eks-b: CREATED",
                "write eks-a into eks-b: UNCHANGED");
    }

    @Test
    void repair_whenAHolderIsBrieflyUnreachable_writesTheOthersThenIsTransientForTheRetry() {
        start();
        clusters.failConnections("eks-b", new Transient("Could not reach the Kubernetes API server of eks-b."));

        assertThatThrownBy(() -> service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b",
                "eks-c"))), MEMBERS)).isInstanceOf(Transient.class).hasMessageContaining("[eks-b]")
                .hasMessageContaining("Transient: Could not reach");

        assertThat(clusters.side("eks-c").held("eks-a")).isNotNull();
    }

    @Test
    void repair_whenAHolderRefusesMeshOnboarder_reportsItAndWritesTheOthers() {
        start();
        clusters.failConnections("eks-b", new AccessDenied("eks-b refuses mesh-onboarder"));

        SecretRepairResult result = service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b",
                "eks-c"))), MEMBERS);

        assertThat(result.failed()).containsExactly(new SecretRepairResult.Failure("eks-b",
                "AccessDenied: eks-b refuses mesh-onboarder"));
        assertThat(clusters.side("eks-c").held("eks-a")).isNotNull();
    }

    /** Every failure in the findings, the first in the state: 199 refusing holders stay small there. */
    @Test
    void repair_ofASubjectByName_whenHoldersRefuse_keepsEveryFailureInItsFindingsAndNamesTheFirst() {
        List<Member> members = new ArrayList<>(List.of(member("eks-a")));
        List<String> holders = new ArrayList<>();
        clusters.readerReady("eks-a");
        for (int i = 0; i < 12; i++) {
            String holder = "eks-h" + i;
            members.add(member(holder));
            holders.add(holder);
            clusters.add(holder);
            clusters.failConnections(holder, new AccessDenied(holder + " refuses mesh-onboarder"));
        }
        checks.put("mesh1", new SubjectFindings("eks-a", "run-1", Map.of(PairProblem.MISSING, holders), List.of()));

        SecretRepairResult result = service.repair("eks-a", members, "run-1");

        assertThat(result.failed()).hasSize(SecretRepairResult.MAX_NAMED);
        assertThat(result.failedCount()).isEqualTo(12);
        assertThat(checks.find("mesh1", "eks-a").orElseThrow().failed()).extracting(SecretRepairResult.Failure::holder)
                .containsExactlyElementsOf(holders);
    }

    @Test
    void repair_whenAHoldersApiServerRefusesTheWrite_reportsItsAnswerAndWritesTheOthers() {
        start();
        clusters.failWrites("eks-b", new InMemoryRemoteSecretClusters.Refusal("namespaces \"istio-system\" not found"));

        SecretRepairResult result = service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b",
                "eks-c"))), MEMBERS);

        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.holder()).isEqualTo("eks-b");
            assertThat(f.reason()).isEqualTo("Refusal: namespaces \"istio-system\" not found");
        });
        assertThat(clusters.side("eks-c").held("eks-a")).isNotNull();
    }

    @Test
    void repair_whenAWriteFailsForAnyOtherReason_failsTheCall() {
        start();
        clusters.failWrites("eks-b", new IllegalStateException("a fault of mesh-onboarder"));

        assertThatThrownBy(() -> service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b"))),
                MEMBERS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repair_whenTheSubjectsTokenIsNotFilledYet_isTransientAndWritesNothing() {
        clusters.add("eks-a");
        clusters.add("eks-b");

        assertThatThrownBy(() -> service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b"))),
                MEMBERS)).isInstanceOf(Transient.class).hasMessageContaining("mesh1/eks-a");

        assertThat(clusters.writes()).isEmpty();
    }

    @Test
    void repair_whenTheSubjectIsPrivateOnly_failsNamingTheReaderBeforeAnyConnection() {
        start();
        publicAccess = false;

        assertThatThrownBy(() -> service.repair(repair("eks-a", Map.of(PairProblem.STALE_ENDPOINT, List.of("eks-c"))),
                MEMBERS)).isInstanceOf(PrivateApiEndpoint.class).hasMessageContaining("istiod in 'eks-c'");
        assertThat(clusters.log).isEmpty();
    }

    @Test
    void repair_whenNoHolderIsListed_readsAndWritesNothing() {
        SecretRepairResult result = service.repair(repair("eks-a", Map.of()), MEMBERS);

        assertThat(result.failed()).isEmpty();
        assertThat(described).isEmpty();
        assertThat(clusters.log).isEmpty();
    }

    @Test
    void repair_whenAHolderIsNoMember_failsWithInvalidInputBeforeAnyCall() {
        start();

        assertThatThrownBy(() -> service.repair(repair("eks-a", Map.of(PairProblem.MISSING, List.of("eks-b",
                "eks-x"))), MEMBERS)).isInstanceOf(InvalidInput.class).hasMessageContaining("[eks-x]");

        assertThat(clusters.log).isEmpty();
    }
}
