package meshonboarder.kubernetes.cni;

import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_ENV;
import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_INIT_ENV;
import static meshonboarder.testing.AwsNodeFixtures.awsNode;
import static meshonboarder.testing.AwsNodeFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import meshonboarder.cni.AwsNode;
import meshonboarder.cni.Egress;
import meshonboarder.errors.Transient;
import meshonboarder.testing.AwsNodeFixtures;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aws-node port on a mock API server: what is read, and that a write is over the version read only. */
class KubernetesAwsNodesTest {

    private MockClusters clusters;
    private KubernetesAwsNodes awsNodes;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        awsNodes = new KubernetesAwsNodes(clusters.connector());
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private void create(DaemonSet daemonSet) {
        try (KubernetesClient client = clusters.client("eks-a")) {
            client.apps().daemonSets().inNamespace("kube-system").resource(daemonSet).create();
        }
    }

    private DaemonSet stored() {
        try (KubernetesClient client = clusters.client("eks-a")) {
            return client.apps().daemonSets().inNamespace("kube-system").withName("aws-node").get();
        }
    }

    @Test
    void read_whenTheClusterHasNoDaemonSet_isEmpty() {
        assertThat(awsNodes.read("us-east-1", "eks-a")).isEmpty();
    }

    @Test
    void read_whenTheManifestsDaemonSet_seesItsVersionAndDefaultEgress() {
        create(awsNode("v1.19.2-eksbuild.1", MANIFEST_ENV, MANIFEST_INIT_ENV));

        AwsNode read = awsNodes.read("us-east-1", "eks-a").orElseThrow();

        assertThat(read.version()).isEqualTo("v1.19.2-eksbuild.1");
        assertThat(read.egressOn()).containsExactly(Egress.V4);
        assertThat(read.resourceVersion()).isEqualTo(stored().getMetadata().getResourceVersion());
    }

    @Test
    void enable_whenOverTheVersionRead_setsBothContainersAndKeepsEveryOtherVariable() {
        create(awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        AwsNode read = awsNodes.read("us-east-1", "eks-a").orElseThrow();

        awsNodes.enable("us-east-1", "eks-a", read, Set.of(Egress.V6));

        assertThat(env(stored(), "aws-node")).containsExactly("ADDITIONAL_ENI_TAGS={}", "ENABLE_IPv4=true",
                "ENABLE_IPv6=false", "WARM_ENI_TARGET=1", "AWS_VPC_K8S_CNI_LOGLEVEL=DEBUG", "MY_NODE_NAME=<valueFrom>",
                "ENABLE_V6_EGRESS=true");
        assertThat(env(stored(), "aws-vpc-cni-init")).containsExactly("DISABLE_TCP_EARLY_DEMUX=false",
                "ENABLE_IPv6=false", "ENABLE_V6_EGRESS=true");
        assertThat(awsNodes.read("us-east-1", "eks-a").orElseThrow().satisfies(Set.of(Egress.V6))).isTrue();
    }

    @Test
    void enable_whenSomeoneChangedTheDaemonSetSinceItWasRead_isTransientAndKeepsTheirChange() {
        create(awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV));
        AwsNode read = awsNodes.read("us-east-1", "eks-a").orElseThrow();
        try (KubernetesClient client = clusters.client("eks-a")) {
            client.apps().daemonSets().inNamespace("kube-system").withName("aws-node")
                    .edit(d -> awsNode("v1.20.0", AwsNodeFixtures.ordered("WARM_IP_TARGET", "5"), MANIFEST_INIT_ENV));
        }

        assertThatThrownBy(() -> awsNodes.enable("us-east-1", "eks-a", read, Set.of(Egress.V6)))
                .isInstanceOf(Transient.class).hasMessageContaining("changed");
        assertThat(env(stored(), "aws-node")).containsExactly("WARM_IP_TARGET=5", "MY_NODE_NAME=<valueFrom>");
    }
}
