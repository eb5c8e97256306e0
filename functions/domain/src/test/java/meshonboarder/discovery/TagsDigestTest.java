package meshonboarder.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsDigestTest {

    @Test
    void of_whenOnlyTheOrderDiffers_isTheSame() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(TagsDigest.of(ab)).isEqualTo(TagsDigest.of(ba)).hasSize(16);
    }

    @Test
    void of_whenAValueOrAKeyChanges_differs() {
        assertThat(TagsDigest.of(Map.of("a", "1"))).isNotEqualTo(TagsDigest.of(Map.of("a", "2")))
                .isNotEqualTo(TagsDigest.of(Map.of("b", "1")));
    }
}
