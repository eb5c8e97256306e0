package meshonboarder.testing;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code aws-node} DaemonSets shaped like the official VPC CNI manifest, for tests. */
public final class AwsNodeFixtures {

    /** Variables of the official manifest that have nothing to do with egress: they must survive a patch. */
    public static final Map<String, String> MANIFEST_ENV = ordered("ADDITIONAL_ENI_TAGS", "{}", "ENABLE_IPv4", "true",
            "ENABLE_IPv6", "false", "WARM_ENI_TARGET", "1", "AWS_VPC_K8S_CNI_LOGLEVEL", "DEBUG");
    public static final Map<String, String> MANIFEST_INIT_ENV = ordered("DISABLE_TCP_EARLY_DEMUX", "false",
            "ENABLE_IPv6", "false");

    private AwsNodeFixtures() {
    }

    /**
     * The manifest's shape (v1.19): the {@code aws-vpc-cni-init} init container, the {@code aws-node} container
     * (with {@code env} plus {@code MY_NODE_NAME} from a field reference) and the network policy agent.
     */
    public static DaemonSet awsNode(String tag, Map<String, String> env, Map<String, String> initEnv) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName("aws-node").withNamespace("kube-system")
                .addToLabels("k8s-app", "aws-node").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "aws-node").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("k8s-app", "aws-node").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("aws-vpc-cni-init")
                .withImage("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:" + tag)
                .withEnv(env(initEnv)).endInitContainer()
                .addNewContainer().withName("aws-node")
                .withImage("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:" + tag)
                .withEnv(env(env))
                .addNewEnv().withName("MY_NODE_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
                .endContainer()
                .addNewContainer().withName("aws-eks-nodeagent")
                .withImage("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.2.2")
                .addNewEnv().withName("ENABLE_V6_EGRESS").withValue("false").endEnv()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    /** Name, value, name, value...: in that order, as a manifest lists them. */
    public static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The container's variables as {@code NAME=value} ({@code NAME=<valueFrom>} for references), in order. */
    public static List<String> env(DaemonSet daemonSet, String container) {
        var pod = daemonSet.getSpec().getTemplate().getSpec();
        return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                .filter(c -> c.getName().equals(container)).findFirst().orElseThrow().getEnv().stream()
                .map(v -> v.getName() + "=" + (v.getValueFrom() != null ? "<valueFrom>" : v.getValue())).toList();
    }

    private static List<EnvVar> env(Map<String, String> values) {
        return values.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
    }
}
