package meshonboarder.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/mesh/cluster-access",
                "PARTITION", "aws"));

        assertThat(ClusterAccessRole.required(env).arn()).isEqualTo("arn:aws:iam::123456789012:role/mesh/cluster-access");
    }

    @Test
    void required_whenAnAssumedRoleArn_failsNamingTheVariable() {
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN",
                "arn:aws:sts::123456789012:assumed-role/cluster-access/mesh-onboarder", "PARTITION", "aws"));

        assertThatThrownBy(() -> ClusterAccessRole.required(env))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("CLUSTER_ACCESS_ROLE_ARN")
                .hasMessageContaining("IAM role ARN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov"})
    void required_whenARoleOfThePartition_acceptsIt(String partition) {
        String arn = "arn:" + partition + ":iam::123456789012:role/mesh-onboarder-ClusterAccessRole-AB12CD34EF56";
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN", arn, "PARTITION", partition));

        assertThat(ClusterAccessRole.required(env).arn()).isEqualTo(arn);
    }

    @Test
    void required_whenTheRoleIsOfAnotherPartition_failsWithAnExampleOfTheFunctionsPartition() {
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/cluster-access",
                "PARTITION", "aws-cn"));

        assertThatThrownBy(() -> ClusterAccessRole.required(env))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("partition aws-cn")
                .hasMessageContaining("such as arn:aws-cn:iam::123456789012:role/");
    }

    @Test
    void optional_whenTheRoleIsSetButNotThePartition_failsNamingPartition() {
        var env = new Env(Map.of("CLUSTER_ACCESS_ROLE_ARN", "arn:aws:iam::123456789012:role/cluster-access"));

        assertThatThrownBy(() -> ClusterAccessRole.optional(env))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("PARTITION")
                .hasMessageContaining("AWS::Partition");
    }
}
