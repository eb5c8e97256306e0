package meshonboarder.kubernetes.cni;

import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_ENV;
import static meshonboarder.testing.AwsNodeFixtures.MANIFEST_INIT_ENV;
import static meshonboarder.testing.AwsNodeFixtures.awsNode;
import static meshonboarder.testing.AwsNodeFixtures.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import meshonboarder.cni.AwsNode;
import meshonboarder.cni.Egress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AwsNodeDaemonSetTest {

    static Stream<Arguments> satisfaction() {
        return Stream.of(
                Arguments.of(Map.of(), Map.of(), Set.of(Egress.V4), true),
                Arguments.of(Map.of("ENABLE_V4_EGRESS", "false"), Map.of(), Set.of(Egress.V4), false),
                Arguments.of(Map.of(), Map.of(), Set.of(Egress.V6), false),
                Arguments.of(Map.of("ENABLE_V6_EGRESS", "true"), Map.of(), Set.of(Egress.V6), false),
                Arguments.of(Map.of("ENABLE_V6_EGRESS", "true"), Map.of("ENABLE_V6_EGRESS", "true"), Set.of(Egress.V6),
                        true),
                Arguments.of(Map.of("ENABLE_V6_EGRESS", "TRUE"), Map.of("ENABLE_V6_EGRESS", "True"), Set.of(Egress.V6),
                        true),
                Arguments.of(Map.of(), Map.of(), Set.of(), true));
    }

    @ParameterizedTest(name = "main {0}, init {1}, needs {2}: {3}")
    @MethodSource("satisfaction")
    void satisfies_whenEnv_countsDefaultsAndTheInitContainer(Map<String, String> main, Map<String, String> init,
                                                             Set<Egress> needs, boolean expected) {
        assertThat(AwsNodeDaemonSet.read(awsNode("v1.19.2", main, init)).satisfies(needs)).isEqualTo(expected);
    }

    @Test
    void desired_whenV6Egress_setsBothContainersAndKeepsEveryOtherVariable() {
        DaemonSet current = awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV);

        DaemonSet desired = AwsNodeDaemonSet.desired(current, Set.of(Egress.V6));

        assertThat(env(desired, "aws-node")).containsExactly("ADDITIONAL_ENI_TAGS={}", "ENABLE_IPv4=true",
                "ENABLE_IPv6=false", "WARM_ENI_TARGET=1", "AWS_VPC_K8S_CNI_LOGLEVEL=DEBUG", "MY_NODE_NAME=<valueFrom>",
                "ENABLE_V6_EGRESS=true");
        assertThat(env(desired, "aws-vpc-cni-init")).containsExactly("DISABLE_TCP_EARLY_DEMUX=false",
                "ENABLE_IPv6=false", "ENABLE_V6_EGRESS=true");
        assertThat(env(desired, "aws-eks-nodeagent")).containsExactly("ENABLE_V6_EGRESS=false");
        assertThat(AwsNodeDaemonSet.read(desired).satisfies(Set.of(Egress.V6))).isTrue();
    }

    @Test
    void desired_whenVariableSetOtherwise_replacesItInPlace() {
        DaemonSet current = awsNode("v1.19.2", Map.of("ENABLE_V4_EGRESS", "false"), MANIFEST_INIT_ENV);

        DaemonSet desired = AwsNodeDaemonSet.desired(current, Set.of(Egress.V4));

        assertThat(env(desired, "aws-node")).containsExactly("ENABLE_V4_EGRESS=true", "MY_NODE_NAME=<valueFrom>");
        assertThat(env(desired, "aws-vpc-cni-init")).containsExactly("DISABLE_TCP_EARLY_DEMUX=false",
                "ENABLE_IPv6=false");
    }

    @Test
    void desired_whenApplied_leavesTheReadObjectUntouched() {
        DaemonSet current = awsNode("v1.19.2", MANIFEST_ENV, MANIFEST_INIT_ENV);

        AwsNodeDaemonSet.desired(current, Set.of(Egress.V6));

        assertThat(AwsNodeDaemonSet.read(current).satisfies(Set.of(Egress.V6))).isFalse();
        assertThat(env(current, "aws-node")).doesNotContain("ENABLE_V6_EGRESS=true");
        assertThat(env(current, "aws-vpc-cni-init")).doesNotContain("ENABLE_V6_EGRESS=true");
    }

    @Test
    void read_whenOfficialManifest_hasTheAwsNodeContainersImageTagAsVersion() {
        AwsNode read = AwsNodeDaemonSet.read(awsNode("v1.12.6-eksbuild.2", Map.of(), Map.of()));

        assertThat(read.version()).isEqualTo("v1.12.6-eksbuild.2");
        assertThat(read.hasInitContainer()).isTrue();
    }

    static Stream<Arguments> rollouts() {
        return Stream.of(
                Arguments.of(2L, null, 0, 0, 0, Optional.of("the DaemonSet controller has not yet seen the change")),
                Arguments.of(2L, 1L, 3, 3, 3, Optional.of("the DaemonSet controller has not yet seen the change")),
                Arguments.of(2L, 2L, 3, 1, 3, Optional.of("1 of 3 aws-node pods updated")),
                Arguments.of(2L, 2L, 3, 3, 2, Optional.of("2 of 3 aws-node pods ready")),
                Arguments.of(2L, 2L, 3, 3, 3, Optional.empty()),
                Arguments.of(2L, 3L, 0, 0, 0, Optional.empty()));
    }

    @ParameterizedTest(name = "generation {0}, observed {1}, desired {2}, updated {3}, ready {4}")
    @MethodSource("rollouts")
    void pendingRollout_whenStatus_waitsLikeKubectlRolloutStatus(Long generation, Long observed, int desired,
                                                                 int updated, int ready, Optional<String> expected) {
        DaemonSetBuilder builder = new DaemonSetBuilder(awsNode("v1.19.2", Map.of(), Map.of()))
                .editMetadata().withGeneration(generation).endMetadata();
        if (observed != null) {
            builder.withStatus(new DaemonSetStatusBuilder().withObservedGeneration(observed)
                    .withDesiredNumberScheduled(desired).withUpdatedNumberScheduled(updated).withNumberReady(ready)
                    .build());
        }

        assertThat(AwsNodeDaemonSet.read(builder.build()).pendingRollout()).isEqualTo(expected);
    }
}
