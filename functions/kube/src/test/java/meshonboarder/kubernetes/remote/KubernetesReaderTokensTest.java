package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.Transient;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.MemberView;
import meshonboarder.reconcile.PairCheck;
import meshonboarder.reconcile.PairProblem;
import meshonboarder.reconcile.RevokeOldReaderTokensService;
import meshonboarder.reconcile.RotateReaderTokenService;
import meshonboarder.reconcile.TokenRevocation;
import meshonboarder.reconcile.TokenRotation;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeRemoteSecretsService;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.TokenController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole reader token rotation of eks-a on mock API servers, in its order: the new token Secret is issued and
 * filled, the remote-secret check finds eks-b's copy STALE_TOKEN, the old token is kept while eks-b holds it, the
 * exchange rewrites eks-b's copy with the newest token, and only then is the old token Secret deleted.
 */
class KubernetesReaderTokensTest {

    private MockClusters clusters;
    private ApiServers apiServers;
    private final Member a = member("eks-a");
    private final Member b = member("eks-b");

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        clusters.start("eks-b");
        apiServers = (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name), true);
        for (String name : new String[] {"eks-a", "eks-b"}) {
            try (KubernetesClient client = clusters.client(name)) {
                new ReaderIdentity().ensure(client, name);
                TokenController.fill(client, "istio-system", clusters.certificateAuthority(name));
            }
        }
        exchange();
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private static Member member(String name) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name);
    }

    private void exchange() {
        new ExchangeRemoteSecretsService(new KubernetesRemoteSecretClusters(clusters.connector()), apiServers,
                new ExchangeSettings(false)).exchange(new Cluster("eks-a", "us-east-1", "mesh1", "net-a", null, "ACTIVE",
                null, IpFamily.IPV4, null, null, null, false), b);
    }

    /** RotateReaderToken with a 30-day period, its clock {@code ahead} of the API servers' (time passed since setup). */
    private RotateReaderTokenService after(Duration ahead) {
        return new RotateReaderTokenService(new KubernetesReaderTokens(clusters.connector()),
                Clock.offset(Clock.systemUTC(), ahead), Duration.ofDays(30));
    }

    private List<PairCheck.Finding> findings() {
        KubernetesMemberReader reader = new KubernetesMemberReader(clusters.connector(), apiServers);
        Map<String, MemberView> views = new TreeMap<>(Map.of("eks-a", reader.read(a), "eks-b", reader.read(b)));
        return PairCheck.findings(List.of(a, b), views);
    }

    private Map<String, String> versions(String cluster) {
        Map<String, String> versions = new TreeMap<>();
        try (KubernetesClient client = clusters.client(cluster)) {
            for (Secret s : client.secrets().inNamespace("istio-system").list().getItems()) {
                versions.put(s.getMetadata().getName(), s.getMetadata().getResourceVersion());
            }
        }
        return versions;
    }

    @Test
    void rotation_inItsOrder_neverLeavesThePeerWithoutAWorkingTokenAndRevokesTheOldOne() {
        // 1. a month on, issued; the step waits (Transient) until the token controller fills it
        assertThatThrownBy(() -> after(Duration.ofDays(31)).rotate(a)).isInstanceOf(Transient.class);
        RotateReaderTokenService service = after(Duration.ZERO);
        RevokeOldReaderTokensService revoke = new RevokeOldReaderTokensService(
                new KubernetesReaderTokens(clusters.connector()));
        try (KubernetesClient client = clusters.client("eks-a")) {
            assertThat(client.secrets().inNamespace("istio-system").list().getItems())
                    .filteredOn(ReaderObjects::isReaderToken).hasSize(2);
            // not filled yet: the exchange and the check still use the old token
            assertThat(findings()).isEmpty();
            TokenController.fill(client, "istio-system", clusters.certificateAuthority("eks-a"));
        }
        TokenRotation rotation = service.rotate(a);
        assertThat(rotation.oldTokenSecrets()).containsExactly(ReaderObjects.TOKEN_SECRET);
        assertThat(rotation.tokenSecret()).startsWith(ReaderObjects.TOKEN_SECRET + "-");

        // 2. the newest filled token is the current one: eks-b's copy is stale, and the old token is kept meanwhile
        assertThat(findings()).containsExactly(new PairCheck.Finding("eks-b", "eks-a", PairProblem.STALE_TOKEN));
        TokenRevocation early = revoke.revoke(a, List.of(a, b));
        assertThat(early.kept()).containsExactly(ReaderObjects.TOKEN_SECRET);
        assertThat(early.reason()).isEqualTo("eks-b does not hold the new token yet");
        exchange();
        assertThat(findings()).isEmpty();

        // 3. every peer holds the new token: the old token Secret goes
        TokenRevocation revocation = revoke.revoke(a, List.of(a, b));
        assertThat(revocation.revoked()).containsExactly(ReaderObjects.TOKEN_SECRET);
        try (KubernetesClient client = clusters.client("eks-a")) {
            assertThat(client.secrets().inNamespace("istio-system").withName(ReaderObjects.TOKEN_SECRET).get()).isNull();
        }

        // a second run, with the new token not due, writes nothing
        Map<String, String> before = versions("eks-a");
        assertThat(service.rotate(a).oldTokenSecrets()).isEmpty();
        assertThat(revoke.revoke(a, List.of(a, b)).revoked()).isEmpty();
        assertThat(versions("eks-a")).isEqualTo(before);
    }
}
