package meshonboarder.local.standin;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import meshonboarder.cluster.IpFamily;
import meshonboarder.cni.CniVersion;

/**
 * The nodes and the self-managed VPC CNI ({@code aws-node}) of a stand-in cluster, and the one way its rollout fails:
 * V6 egress asked for on nodes without IPv6, on a CNI release that fails there.
 */
final class VpcCni {

    private VpcCni() {
    }

    /** Two nodes with addresses of the cluster's family, and aws-node. */
    static void seed(KubernetesClient client, String cluster, IpFamily ipFamily) {
        seedNodes(client, cluster, ipFamily);
        seedAwsNode(client, ipFamily);
    }

    private static void seedNodes(KubernetesClient client, String cluster, IpFamily ipFamily) {
        for (int i = 1; i <= 2; i++) {
            String address = ipFamily == IpFamily.IPV6 ? "2600:1f14:abcd:100" + i + "::10" : "10.0." + i + ".10";
            Node node = new NodeBuilder().withNewMetadata().withName("ip-node-" + i + "." + cluster + ".internal")
                    .addToLabels("kubernetes.io/os", "linux").endMetadata()
                    .withNewStatus().addNewAddress().withType("InternalIP").withAddress(address).endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
            client.nodes().resource(node).create();
        }
    }

    /** The self-managed VPC CNI as EKS installs it on a new cluster (v1.19, past both egress minimums). */
    private static void seedAwsNode(KubernetesClient client, IpFamily ipFamily) {
        String image = "602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni";
        DaemonSet awsNode = new DaemonSetBuilder().withNewMetadata().withName("aws-node").withNamespace("kube-system")
                .addToLabels("k8s-app", "aws-node").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "aws-node").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("k8s-app", "aws-node").endMetadata().withNewSpec()
                .addNewInitContainer().withName("aws-vpc-cni-init").withImage(image + "-init:v1.19.2-eksbuild.1")
                .addNewEnv().withName("DISABLE_TCP_EARLY_DEMUX").withValue("false").endEnv()
                .addNewEnv().withName("ENABLE_IPv6").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .endInitContainer()
                .addNewContainer().withName("aws-node").withImage(image + ":v1.19.2-eksbuild.1")
                .addNewEnv().withName("ENABLE_IPv4").withValue(Boolean.toString(ipFamily == IpFamily.IPV4)).endEnv()
                .addNewEnv().withName("ENABLE_IPv6").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .addNewEnv().withName("ENABLE_PREFIX_DELEGATION").withValue(Boolean.toString(ipFamily == IpFamily.IPV6)).endEnv()
                .addNewEnv().withName("WARM_ENI_TARGET").withValue("1").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().daemonSets().resource(awsNode).create();
    }

    /**
     * aws-node with {@code ENABLE_V6_EGRESS=true} on a node whose primary ENI has no IPv6 address fails in VPC CNI
     * releases before v1.16.3 and in v1.17.0 (aws/amazon-vpc-cni-k8s pull request 2754, cmd/aws-vpc-cni/main.go);
     * later releases only warn and leave V6 egress off there.
     */
    static boolean failsOnTheseNodes(KubernetesClient client, DaemonSet ds) {
        if (!"aws-node".equals(ds.getMetadata().getName())) {
            return false;
        }
        var container = ds.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "aws-node".equals(c.getName())).findFirst();
        boolean v6Egress = container.map(c -> c.getEnv() == null ? false : c.getEnv().stream().anyMatch(e ->
                "ENABLE_V6_EGRESS".equals(e.getName()) && "true".equals(e.getValue()))).orElse(false);
        boolean failingRelease = container.flatMap(c -> CniVersion.parse(
                CniVersion.tagOf(c.getImage())))
                .map(CniVersion::failsV6EgressOnIpv4Nodes).orElse(false);
        boolean nodeWithoutIpv6 = client.nodes().list().getItems().stream().anyMatch(n -> n.getStatus().getAddresses()
                .stream().noneMatch(a -> "InternalIP".equals(a.getType()) && a.getAddress().contains(":")));
        return v6Egress && failingRelease && nodeWithoutIpv6;
    }
}
