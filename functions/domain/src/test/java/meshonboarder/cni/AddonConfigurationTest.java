package meshonboarder.cni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.stream.Stream;
import meshonboarder.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddonConfigurationTest {

    static Stream<Arguments> satisfaction() {
        return Stream.of(
                Arguments.of(null, Set.of(Egress.V4), true),
                Arguments.of("", Set.of(Egress.V6), false),
                Arguments.of("{\"env\":{\"ENABLE_V4_EGRESS\":\"false\"}}", Set.of(Egress.V4), false),
                Arguments.of("{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}", Set.of(Egress.V6), false),
                Arguments.of("{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"},\"init\":{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}",
                        Set.of(Egress.V6), true),
                Arguments.of("env:\n  ENABLE_V6_EGRESS: \"true\"\ninit:\n  env:\n    ENABLE_V6_EGRESS: true\n",
                        Set.of(Egress.V6), true),
                Arguments.of("{\"env\":{\"WARM_IP_TARGET\":\"5\"}}", Set.of(), true));
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @MethodSource("satisfaction")
    void satisfies_whenValuesJsonOrYaml_countsDefaultsAndBothContainers(String values, Set<Egress> needs,
                                                                        boolean expected) {
        assertThat(AddonConfiguration.parse(values).satisfies(needs)).isEqualTo(expected);
    }

    @Test
    void with_whenUserValuesExist_keepsEveryOtherKey() throws Exception {
        String user = "{\"env\":{\"WARM_IP_TARGET\":\"5\",\"AWS_VPC_K8S_CNI_LOGLEVEL\":\"INFO\"},"
                + "\"resources\":{\"requests\":{\"cpu\":\"50m\"}},\"init\":{\"resources\":{}}}";

        String merged = AddonConfiguration.parse(user).with(Set.of(Egress.V6)).toJson();

        JsonNode expected = Json.MAPPER.readTree("{\"env\":{\"WARM_IP_TARGET\":\"5\",\"AWS_VPC_K8S_CNI_LOGLEVEL\":"
                + "\"INFO\",\"ENABLE_V6_EGRESS\":\"true\"},\"resources\":{\"requests\":{\"cpu\":\"50m\"}},"
                + "\"init\":{\"resources\":{},\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}");
        assertThat(Json.MAPPER.readTree(merged)).isEqualTo(expected);
    }

    @Test
    void with_whenV4Egress_setsOnlyTheMainContainer() throws Exception {
        String merged = AddonConfiguration.parse("env:\n  ENABLE_V4_EGRESS: \"false\"\n").with(Set.of(Egress.V4))
                .toJson();

        assertThat(Json.MAPPER.readTree(merged))
                .isEqualTo(Json.MAPPER.readTree("{\"env\":{\"ENABLE_V4_EGRESS\":\"true\"}}"));
    }

    @Test
    void with_whenApplied_leavesTheOriginalUntouched() {
        AddonConfiguration original = AddonConfiguration.parse("{\"env\":{\"WARM_IP_TARGET\":\"5\"}}");

        original.with(Set.of(Egress.V6));

        assertThat(original.satisfies(Set.of(Egress.V6))).isFalse();
    }
}
