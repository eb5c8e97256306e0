package meshonboarder.reconcile;

import static meshonboarder.reconcile.InMemoryMesh.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.json.Json;
import meshonboarder.mesh.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pair rules of CheckRemoteSecrets on views of members: what is broken, and how the repairs are grouped. */
class PairCheckTest {

    private static final List<Member> MEMBERS = List.of(member("mesh1", "a"), member("mesh1", "b"), member("mesh1", "c"));

    /** A member that holds a working secret of every other member. */
    private static MemberView healthy(String name) {
        Map<String, MemberView.Held> held = new HashMap<>();
        for (Member m : MEMBERS) {
            if (!m.clusterName().equals(name)) {
                held.put(m.clusterName(), new MemberView.Held("https://" + m.clusterName(), "ca-" + m.clusterName(),
                        "token-" + m.clusterName()));
            }
        }
        return new MemberView(name, null, "https://" + name, "ca-" + name, "token-" + name, true, held, null);
    }

    private static Map<String, MemberView> healthyMesh() {
        Map<String, MemberView> views = new LinkedHashMap<>();
        MEMBERS.forEach(m -> views.put(m.clusterName(), healthy(m.clusterName())));
        return views;
    }

    @Test
    void findings_whenEveryPairWorks_isEmpty() {
        assertThat(PairCheck.findings(MEMBERS, healthyMesh())).isEmpty();
        assertThat(PairCheck.repairs(MEMBERS, List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MISSING,         ,                ,      ,        true",
        "STALE_ENDPOINT,  https://old,     ca-b,  token-b, true",
        "STALE_CA,        https://b,       ca-x,  token-b, true",
        "STALE_TOKEN,     https://b,       ca-b,  token-x, true",
        "TOKEN_REFUSED,   https://b,       ca-b,  token-b, false",
    })
    void findings_whenOneDirectionIsBroken_namesItsFirstProblem(PairProblem problem, String endpoint, String ca, String token,
                                                                boolean accepted) {
        Map<String, MemberView> views = healthyMesh();
        MemberView a = views.get("a");
        Map<String, MemberView.Held> held = new HashMap<>(a.held());
        if (problem == PairProblem.MISSING) {
            held.remove("b");
        } else {
            held.put("b", new MemberView.Held(endpoint, ca, token));
        }
        views.put("a", new MemberView("a", null, a.endpoint(), a.caDigest(), a.tokenDigest(), true, held, null));
        MemberView b = views.get("b");
        views.put("b", new MemberView("b", null, b.endpoint(), b.caDigest(), b.tokenDigest(), accepted, b.held(), null));

        List<PairCheck.Finding> findings = PairCheck.findings(MEMBERS, views);

        // a refused token breaks every holder's secret of b, not only a's
        if (problem == PairProblem.TOKEN_REFUSED) {
            assertThat(findings).containsExactly(new PairCheck.Finding("a", "b", problem),
                    new PairCheck.Finding("c", "b", problem));
        } else {
            assertThat(findings).containsExactly(new PairCheck.Finding("a", "b", problem));
        }
    }

    @Test
    void findings_whenSubjectLostItsReaderToken_breaksEveryPairTowardsIt() {
        Map<String, MemberView> views = healthyMesh();
        MemberView c = views.get("c");
        views.put("c", new MemberView("c", null, c.endpoint(), c.caDigest(), null, null, c.held(), null));

        assertThat(PairCheck.findings(MEMBERS, views)).containsExactly(
                new PairCheck.Finding("a", "c", PairProblem.NO_READER_TOKEN),
                new PairCheck.Finding("b", "c", PairProblem.NO_READER_TOKEN));
    }

    @Test
    void findings_whenAMemberIsUnreachable_judgesNoPairOfItAndTheOthersStill() {
        Map<String, MemberView> views = healthyMesh();
        views.put("b", MemberView.unreachable("b", "Transient: could not reach"));
        MemberView a = views.get("a");
        Map<String, MemberView.Held> held = new HashMap<>(a.held());
        held.remove("c");
        views.put("a", new MemberView("a", null, a.endpoint(), a.caDigest(), a.tokenDigest(), true, held, null));

        assertThat(PairCheck.findings(MEMBERS, views)).containsExactly(new PairCheck.Finding("a", "c", PairProblem.MISSING));
    }

    @Test
    void repairs_whenPairsBroken_groupHoldersBySubjectAndProblemInMemberOrder() {
        List<PairCheck.Finding> findings = List.of(new PairCheck.Finding("c", "a", PairProblem.MISSING),
                new PairCheck.Finding("a", "c", PairProblem.STALE_TOKEN), new PairCheck.Finding("b", "c", PairProblem.MISSING),
                new PairCheck.Finding("b", "a", PairProblem.MISSING));

        List<SecretRepair> repairs = PairCheck.repairs(MEMBERS, findings);

        assertThat(repairs).extracting(r -> r.subject().clusterName()).containsExactly("a", "c");
        assertThat(repairs.get(0).holdersByProblem()).containsExactly(Map.entry(PairProblem.MISSING, List.of("c", "b")));
        assertThat(repairs.get(1).holdersByProblem()).containsExactly(Map.entry(PairProblem.STALE_TOKEN, List.of("a")),
                Map.entry(PairProblem.MISSING, List.of("b")));
        assertThat(repairs.get(1).holders()).containsExactly("a", "b");
    }

    @Test
    void repairs_whenEveryPairOfFiftyBroken_makeOneItemPerSubject() throws Exception {
        List<Member> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add(member("mesh1", String.format("member-%02d", i)));
        }
        List<PairCheck.Finding> findings = new ArrayList<>();
        for (Member holder : fifty) {
            for (Member subject : fifty) {
                if (holder != subject) {
                    findings.add(new PairCheck.Finding(holder.clusterName(), subject.clusterName(), PairProblem.STALE_TOKEN));
                }
            }
        }

        List<SecretRepair> repairs = PairCheck.repairs(fifty, findings);

        // Step Functions keeps a state within 256 KiB: 50 items of names, not 2,450 pairs of members
        assertThat(repairs).hasSize(50).allSatisfy(r -> assertThat(r.holders()).hasSize(49));
        assertThat(Json.MAPPER.writeValueAsBytes(repairs).length).isLessThan(64 * 1024);
    }
}
