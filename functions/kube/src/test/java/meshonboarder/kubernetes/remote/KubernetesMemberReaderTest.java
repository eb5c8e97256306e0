package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.reconcile.MemberView;
import meshonboarder.remote.ApiServer;
import meshonboarder.remote.ApiServers;
import meshonboarder.remote.ExchangeRemoteSecretsService;
import meshonboarder.remote.ExchangeSettings;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.TokenController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One member read for the remote-secret check, on mock API servers: what it holds, and whether its token works. */
class KubernetesMemberReaderTest {

    private MockClusters clusters;
    private KubernetesMemberReader reader;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        clusters.start("eks-b");
        ApiServers apiServers = (region, name) -> new ApiServer(clusters.endpoint(name), clusters.certificateAuthority(name),
                true);
        reader = new KubernetesMemberReader(clusters.connector(), apiServers);
        for (String name : new String[] {"eks-a", "eks-b"}) {
            try (KubernetesClient client = clusters.client(name)) {
                new ReaderIdentity().ensure(client, name);
                TokenController.fill(client, "istio-system", clusters.certificateAuthority(name));
            }
        }
        new ExchangeRemoteSecretsService(new KubernetesRemoteSecretClusters(clusters.connector()), apiServers,
                new ExchangeSettings(false)).exchange(new Cluster("eks-a", "us-east-1", "mesh1",
                        "net-a", null, "ACTIVE", null, IpFamily.IPV4, null, null, null, false), member("eks-b"));
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private static Member member(String name) {
        return new Member("mesh1", name, "us-east-1", "arn:aws:eks:us-east-1:123456789012:cluster/" + name,
                IpFamily.IPV4, "net-" + name);
    }

    @Test
    void read_whenMemberHoldsAPeersSecret_seesWhereItPointsWithTwoRequests() {
        int before = clusters.server("eks-a").getRequestCount();

        MemberView a = reader.read(member("eks-a"));
        MemberView b = reader.read(member("eks-b"));

        // one LIST of istio-system's Secrets and one read with the reader's own token, however many peers
        assertThat(clusters.server("eks-a").getRequestCount() - before).isEqualTo(2);
        assertThat(a.reachable()).isTrue();
        assertThat(a.tokenAccepted()).isTrue();
        assertThat(a.held()).containsOnlyKeys("eks-b");
        MemberView.Held held = a.held().get("eks-b");
        assertThat(held.endpoint()).isEqualTo(b.endpoint()).isEqualTo(clusters.endpoint("eks-b"));
        assertThat(held.caDigest()).isEqualTo(b.caDigest());
        assertThat(held.tokenDigest()).isEqualTo(b.tokenDigest()).hasSize(64);
        // digests only: the token itself is nowhere in the view
        try (KubernetesClient client = clusters.client("eks-b")) {
            String token = TokenController.tokenOf(client, "istio-system", ReaderObjects.TOKEN_SECRET);
            assertThat(b.toString()).doesNotContain(token);
        }
    }

    @Test
    void read_whenApiServerRefusesTheReaderToken_saysSo() {
        clusters.server("eks-b").expect().get().withPath("/api/v1/namespaces/istio-system")
                .andReturn(401, "{\"kind\":\"Status\",\"code\":401,\"reason\":\"Unauthorized\"}").once();

        assertThat(reader.read(member("eks-b")).tokenAccepted()).isFalse();
    }

    @Test
    void read_whenReaderTokenSecretDeleted_hasNoTokenAndTriesNone() {
        try (KubernetesClient client = clusters.client("eks-b")) {
            client.secrets().inNamespace("istio-system").withName(ReaderObjects.TOKEN_SECRET).delete();
        }

        MemberView b = reader.read(member("eks-b"));

        assertThat(b.tokenDigest()).isNull();
        assertThat(b.tokenAccepted()).isNull();
    }
}
