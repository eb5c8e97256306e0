package meshonboarder.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;

class ClusterAccessRoleTest {

    @Test
    void required_whenTheVariableIsMissing_failsNamingIt() {
        assertThatThrownBy(() -> ClusterAccessRole.required(new Env(Map.of())))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("CLUSTER_ACCESS_ROLE_ARN");
    }

    @Test
    void optional_whenTheVariableIsMissing_isEmpty() {
        assertThat(ClusterAccessRole.optional(new Env(Map.of()))).isEmpty();
    }

    @Test
    void required_whenARoleArnWithAPath_acceptsIt() {
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/mesh/cluster-access"));

        assertThat(ClusterAccessRole.required(env).arn()).isEqualTo("arn:aws:iam::123456789012:role/mesh/cluster-access");
    }

    @Test
    void required_whenAnAssumedRoleArn_failsNamingTheVariable() {
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN",
                "arn:aws:sts::123456789012:assumed-role/cluster-access/mesh-onboarder"));

        assertThatThrownBy(() -> ClusterAccessRole.required(env))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("CLUSTER_ACCESS_ROLE_ARN")
                .hasMessageContaining("IAM role ARN");
    }
}
