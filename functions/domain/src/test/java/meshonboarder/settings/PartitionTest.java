package meshonboarder.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionTest {

    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov", "aws-iso-b"})
    void of_whenAPartitionId_returnsIt(String id) {
        assertThat(Partition.of(new Env(Map.of("PARTITION", id)))).isEqualTo(id);
    }

    @Test
    void of_whenMissing_failsNamingTheVariableAndItsSource() {
        assertThatThrownBy(() -> Partition.of(new Env(Map.of())))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("PARTITION")
                .hasMessageContaining("AWS::Partition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-north-1", "arn:aws", "AWS", "aws:cn"})
    void of_whenNotAPartition_failsQuotingTheValue(String value) {
        assertThatThrownBy(() -> Partition.of(new Env(Map.of("PARTITION", value))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("'" + value + "'");
    }
}
