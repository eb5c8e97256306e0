package meshonboarder.kubernetes.cni;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import meshonboarder.cni.AwsNode;
import meshonboarder.cni.Egress;

/**
 * The self-managed VPC CNI: the {@code aws-node} DaemonSet in {@code kube-system}, as far as egress goes. Pure
 * functions over the object: what the CNI rules see of it ({@link AwsNode}) and what it should look like. Reading
 * and writing it is {@link KubernetesAwsNodes}'.
 */
public final class AwsNodeDaemonSet {

    public static final String NAMESPACE = "kube-system";
    public static final String NAME = "aws-node";
    public static final String CONTAINER = "aws-node";
    public static final String INIT_CONTAINER = "aws-vpc-cni-init";

    private AwsNodeDaemonSet() {
    }

    /** The DaemonSet as the CNI rules see it ({@link AwsNode}). */
    public static AwsNode read(DaemonSet daemonSet) {
        var pod = daemonSet.getSpec().getTemplate().getSpec();
        Optional<Container> main = container(pod.getContainers(), CONTAINER);
        Optional<Container> init = container(pod.getInitContainers(), INIT_CONTAINER);
        Set<Egress> on = EnumSet.noneOf(Egress.class);
        for (Egress e : Egress.values()) {
            if (main.map(c -> isOn(c, e)).orElse(false)
                    && (!e.initContainerToo() || init.map(c -> isOn(c, e)).orElse(true))) {
                on.add(e);
            }
        }
        DaemonSetStatus status = daemonSet.getStatus();
        AwsNode.Rollout rollout = status == null ? null : new AwsNode.Rollout(
                orZero(daemonSet.getMetadata().getGeneration()), orZero(status.getObservedGeneration()),
                orZero(status.getDesiredNumberScheduled()), orZero(status.getUpdatedNumberScheduled()),
                orZero(status.getNumberReady()));
        return new AwsNode(main.map(Container::getImage).orElse(null), init.isPresent(), on,
                daemonSet.getMetadata().getResourceVersion(), rollout);
    }

    /** What the rollout still waits for ({@link AwsNode#pendingRollout()}); empty once it has rolled out. */
    public static Optional<String> pendingRollout(DaemonSet daemonSet) {
        return read(daemonSet).pendingRollout();
    }

    /**
     * A copy with {@code needs} turned on: in the {@code aws-node} container and, for settings the init container
     * reads, in {@code aws-vpc-cni-init}. Every other variable, container and field is kept.
     */
    public static DaemonSet desired(DaemonSet current, Set<Egress> needs) {
        DaemonSet copy = new DaemonSetBuilder(current).build();
        var pod = copy.getSpec().getTemplate().getSpec();
        container(pod.getContainers(), CONTAINER).ifPresent(c -> c.setEnv(withVariables(c.getEnv(), Egress.env(needs))));
        container(pod.getInitContainers(), INIT_CONTAINER)
                .ifPresent(c -> c.setEnv(withVariables(c.getEnv(), Egress.initEnv(needs))));
        return copy;
    }

    private static boolean isOn(Container container, Egress egress) {
        Optional<EnvVar> variable = variable(container, egress.variable());
        if (variable.isPresent() && variable.get().getValueFrom() != null) {
            return false; // read from elsewhere at run time: cannot tell, so it is set to a literal value
        }
        return egress.isOn(variable.map(EnvVar::getValue).orElse(null));
    }

    private static List<EnvVar> withVariables(List<EnvVar> current, Map<String, String> wanted) {
        List<EnvVar> env = new ArrayList<>(current == null ? List.of() : current);
        wanted.forEach((name, value) -> {
            EnvVar literal = new EnvVarBuilder().withName(name).withValue(value).build();
            int at = indexOf(env, name);
            if (at < 0) {
                env.add(literal);
            } else {
                env.set(at, literal);
            }
        });
        return env;
    }

    private static int indexOf(List<EnvVar> env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (name.equals(env.get(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<EnvVar> variable(Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(v -> name.equals(v.getName())).findFirst();
    }

    private static Optional<Container> container(List<Container> containers, String name) {
        return containers == null ? Optional.empty()
                : containers.stream().filter(c -> Objects.equals(name, c.getName())).findFirst();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
