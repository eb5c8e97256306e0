package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Map<String, MemberView> views = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private final CheckRemoteSecretsService service = new CheckRemoteSecretsService(m -> {
        reads.merge(m.clusterName(), 1, Integer::sum);
        MemberView view = views.get(m.clusterName());
        if (view == null) {
            throw new Transient("Could not reach the Kubernetes API server of " + m.clusterName() + ".");
        }
        return view;
    });

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

        RemoteSecretsCheck check = service.check(membership());

        assertThat(check.repairs()).isEmpty();
        assertThat(check.unreachable()).isEmpty();
        assertThat(check.checked()).isEqualTo(3);
        assertThat(check.cas()).extracting(MemberView.CaValidity::clusterName).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(check.maxConcurrency()).isEqualTo(4);
        assertThat(reads).containsOnly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", 1));
    }

    @Test
    void check_whenTwoHoldersLackASubject_asksForOneRepairOfThatSubject() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));

        RemoteSecretsCheck check = service.check(membership());

        assertThat(check.repairs()).singleElement().satisfies(r -> {
            assertThat(r.subject().clusterName()).isEqualTo("c");
            assertThat(r.holdersByProblem()).containsExactly(Map.entry(PairProblem.MISSING, List.of("a", "b")));
        });
    }

    @Test
    void check_whenAMemberCannotBeRead_reportsItAndJudgesTheOtherPairs() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a", "c"));

        RemoteSecretsCheck check = service.check(membership());

        assertThat(check.unreachable()).singleElement().satisfies(u -> {
            assertThat(u.clusterName()).isEqualTo("c");
            assertThat(u.reason()).startsWith("Transient: Could not reach");
        });
        assertThat(check.repairs()).isEmpty();
        assertThat(check.cas()).extracting(MemberView.CaValidity::clusterName).containsExactlyInAnyOrder("a", "b");
    }

    /** $.remoteSecrets as the state machine keeps it: problems by name, as before they were an enum. */
    @Test
    void check_whenWritten_namesEachProblemAsTheRepairMapReadsIt() {
        healthy("a", List.of("b"));
        healthy("b", List.of("a"));
        healthy("c", List.of("a", "b"));

        var json = Json.MAPPER.valueToTree(service.check(membership()));

        assertThat(json.at("/repairs/0/holdersByProblem/MISSING").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(json.at("/repairs/0/subject/clusterName").asText()).isEqualTo("c");
    }
}
