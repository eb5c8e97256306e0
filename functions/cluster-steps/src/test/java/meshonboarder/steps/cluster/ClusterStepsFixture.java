package meshonboarder.steps.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.mesh.Member;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoEks;
import meshonboarder.testing.MotoServer;
import meshonboarder.testing.TokenController;

/** Clusters as the execution state carries them, in moto and as stand-in API servers under the same names. */
final class ClusterStepsFixture {

    static final String MESH = "mesh1";

    private ClusterStepsFixture() {
    }

    /** A cluster in moto (so DescribeCluster answers) with a mock API server of the same name. */
    static String startCluster(MockClusters clusters, String prefix) {
        String name = MotoServer.unique(prefix);
        // fully qualified: EKS's IpFamily, not the domain's
        MotoEks.createCluster(name, MotoServer.REGION, software.amazon.awssdk.services.eks.model.IpFamily.IPV4,
                Map.of("istio-mesh", MESH));
        clusters.start(name);
        return name;
    }

    static Cluster cluster(String name) {
        return new Cluster(name, MotoServer.REGION, MESH, "net-1", arn(name), "ACTIVE",
                "https://example.eks.amazonaws.com", IpFamily.IPV4, "vpc-1", "1.33", "API", false);
    }

    static Member member(String name) {
        return new Member(MESH, name, MotoServer.REGION, arn(name), IpFamily.IPV6, "net-2");
    }

    /** The reader identity exists and the token controller has filled its token. */
    static void readerReady(MockClusters clusters, String name) {
        clusters.readerReady(name);
    }

    static String readerToken(MockClusters clusters, String name) {
        try (KubernetesClient client = clusters.client(name)) {
            return TokenController.tokenOf(client, "istio-system",
                    "istio-reader-service-account-istio-remote-secret-token");
        }
    }

    private static String arn(String name) {
        return "arn:aws:eks:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT + ":cluster/" + name;
    }
}
