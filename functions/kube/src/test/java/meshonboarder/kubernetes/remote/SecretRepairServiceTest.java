package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import meshonboarder.errors.Transient;
import meshonboarder.kubernetes.SecretOperator;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.SecretRepair;
import meshonboarder.reconcile.SecretRepairResult;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretRepairServiceTest {

    private MockClusters clusters;
    private final ApiServers apiServers = (region, name) -> new ApiServer(clusters.endpoint(name),
            clusters.certificateAuthority(name), true);

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        clusters.start("eks-b");
        clusters.start("eks-c");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private SecretRepairService service() {
        return new SecretRepairService(clusters.connector(), apiServers, new ReaderIdentity(), new SecretOperator(),
                new ExchangeSettings(false));
    }

    private static Member member(String name) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name);
    }

    private static final List<Member> MEMBERS = List.of(member("eks-a"), member("eks-b"), member("eks-c"));

    private static SecretRepair repair(String subject, Map<String, List<String>> holdersByProblem) {
        return new SecretRepair(member(subject), holdersByProblem);
    }

    private Secret held(String holder, String subject) {
        try (KubernetesClient client = clusters.client(holder)) {
            return client.secrets().inNamespace("istio-system").withName(RemoteSecret.name(subject)).get();
        }
    }

    @Test
    void repair_whenTheSubjectsReaderIsReady_writesItsSecretIntoEveryListedHolderOnly() {
        clusters.readerReady("eks-a");
        Map<String, List<String>> holders = new LinkedHashMap<>();
        holders.put("MISSING", List.of("eks-b"));
        holders.put("STALE_TOKEN", List.of("eks-c"));

        SecretRepairResult result = service().repair(repair("eks-a", holders), MEMBERS);

        assertThat(result.subject()).isEqualTo("eks-a");
        assertThat(result.failed()).isEmpty();
        assertThat(held("eks-b", "eks-a")).isNotNull();
        assertThat(held("eks-c", "eks-a").getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
        // one direction: the subject is given nothing
        assertThat(held("eks-a", "eks-b")).isNull();
    }

    @Test
    void repair_whenRunTwice_theSecondRunWritesNothing() {
        clusters.readerReady("eks-a");
        SecretRepair repair = repair("eks-a", Map.of("MISSING", List.of("eks-b")));
        service().repair(repair, MEMBERS);
        String version = held("eks-b", "eks-a").getMetadata().getResourceVersion();

        service().repair(repair, MEMBERS);

        assertThat(held("eks-b", "eks-a").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void repair_whenAHolderCannotBeReached_writesTheOthersThenIsTransientForTheRetry() {
        clusters.readerReady("eks-a");
        clusters.server("eks-b").shutdown();

        assertThatThrownBy(() -> service().repair(repair("eks-a", Map.of("MISSING", List.of("eks-b", "eks-c"))),
                MEMBERS)).isInstanceOf(Transient.class).hasMessageContaining("[eks-b]");

        assertThat(held("eks-c", "eks-a")).isNotNull();
    }

    @Test
    void repair_whenAHolderRefuses_reportsItAndWritesTheOthers() {
        clusters.readerReady("eks-a");
        SecretRepairService refusedByB = new SecretRepairService((region, name) -> {
            if (name.equals("eks-b")) {
                throw new meshonboarder.errors.AccessDenied("eks-b refuses mesh-onboarder");
            }
            return clusters.client(name);
        }, apiServers, new ReaderIdentity(), new SecretOperator(), new ExchangeSettings(false));

        SecretRepairResult result = refusedByB.repair(repair("eks-a", Map.of("MISSING", List.of("eks-b", "eks-c"))),
                MEMBERS);

        assertThat(result.failed()).extracting(SecretRepairResult.Failure::holder).containsExactly("eks-b");
        assertThat(result.failed().get(0).reason()).startsWith("AccessDenied: ");
        assertThat(held("eks-c", "eks-a")).isNotNull();
    }

    @Test
    void repair_whenTheSubjectsTokenIsNotFilledYet_isTransientAndWritesNothing() {
        assertThatThrownBy(() -> service().repair(repair("eks-a", Map.of("MISSING", List.of("eks-b"))), MEMBERS))
                .isInstanceOf(Transient.class).hasMessageContaining("mesh1/eks-a");

        assertThat(held("eks-b", "eks-a")).isNull();
    }

    @Test
    void repair_whenNoHolderIsListed_readsAndWritesNothing() {
        clusters.server("eks-a").shutdown(); // the subject is not even reachable: it is not asked

        SecretRepairResult result = service().repair(repair("eks-a", Map.of()), MEMBERS);

        assertThat(result.failed()).isEmpty();
        assertThat(held("eks-b", "eks-a")).isNull();
    }

    @Test
    void repair_whenAHolderIsNoMember_failsWithInvalidInputBeforeAnyWrite() {
        clusters.readerReady("eks-a");

        assertThatThrownBy(() -> service().repair(repair("eks-a", Map.of("MISSING", List.of("eks-b", "eks-x"))),
                MEMBERS)).isInstanceOf(InvalidInput.class).hasMessageContaining("[eks-x]");

        assertThat(held("eks-b", "eks-a")).isNull();
    }
}
