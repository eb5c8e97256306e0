package meshonboarder.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CniVersionTest {

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("v1.19.2-eksbuild.1", Optional.of(new CniVersion(1, 19, 2))),
                Arguments.of("v1.12.6", Optional.of(new CniVersion(1, 12, 6))),
                Arguments.of("1.15.1", Optional.of(new CniVersion(1, 15, 1))),
                Arguments.of("v1.20.0-rc1", Optional.of(new CniVersion(1, 20, 0))),
                Arguments.of("latest", Optional.empty()),
                Arguments.of("v1.19", Optional.empty()),
                Arguments.of(null, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void parse_whenAddonVersionOrTag_readsTheRelease(String text, Optional<CniVersion> expected) {
        assertThat(CniVersion.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1",
                        "v1.19.2-eksbuild.1"),
                Arguments.of("registry.local:5000/mirror/amazon-k8s-cni:v1.18.0", "v1.18.0"),
                Arguments.of("registry.local:5000/amazon-k8s-cni:v1.18.0@sha256:0a1b", "v1.18.0"),
                Arguments.of("registry.local:5000/amazon-k8s-cni@sha256:0a1b", null),
                Arguments.of("amazon-k8s-cni", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void tagOf_whenImageReference_returnsItsTag(String image, String expected) {
        assertThat(CniVersion.tagOf(image)).isEqualTo(expected);
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                Arguments.of("v1.12.6", "v1.13.0", true),
                Arguments.of("v1.13.0", "v1.13.0", false),
                Arguments.of("v1.15.0", "v1.15.1", true),
                Arguments.of("v1.9.3", "v1.13.0", true),
                Arguments.of("v2.0.0", "v1.15.1", false));
    }

    @ParameterizedTest(name = "{0} < {1}: {2}")
    @MethodSource("comparisons")
    void olderThan_whenTwoReleases_comparesNumerically(String a, String b, boolean older) {
        assertThat(CniVersion.parse(a).orElseThrow().olderThan(CniVersion.parse(b).orElseThrow())).isEqualTo(older);
    }
}
