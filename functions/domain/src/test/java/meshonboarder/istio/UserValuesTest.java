package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;

class UserValuesTest {

    @Test
    void of_whenKeyedByRelease_givesEachReleaseItsValues() {
        UserValues values = UserValues.of(Map.of("istiod", Map.of("pilot", Map.of("x", 1)), "istio-base", Map.of()),
                "/p");

        assertThat(values.forRelease("istiod")).isEqualTo(Map.of("pilot", Map.of("x", 1)));
        assertThat(values.forRelease("istio-eastwestgateway")).isEmpty();
    }

    @Test
    void of_whenEmptyDocument_isNone() {
        assertThat(UserValues.of(null, "/p")).isEqualTo(UserValues.none());
    }

    @Test
    void of_whenKeyIsNotARelease_failsNamingTheReleases() {
        assertThatThrownBy(() -> UserValues.of(Map.of("global", Map.of("hub", "x")), "/istio/values"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("/istio/values").hasMessageContaining("'global'")
                .hasMessageContaining("istio-base, istiod, istio-ingressgateway, istio-eastwestgateway");
    }

    @Test
    void of_whenNotAMap_fails() {
        assertThatThrownBy(() -> UserValues.of(List.of("istiod"), "/p")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> UserValues.of(Map.of("istiod", "x"), "/p")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("'istiod' must hold a map");
    }

    @Test
    void merge_whenNested_mergesMapsAndReplacesLists() {
        Map<String, Object> merged = Values.merge(
                Map.of("a", Map.of("b", 1, "c", List.of(1, 2)), "d", "x"),
                Map.of("a", Map.of("c", List.of(3), "e", true)));

        assertThat(merged).isEqualTo(Map.of("a", Map.of("b", 1, "c", List.of(3), "e", true), "d", "x"));
    }
}
