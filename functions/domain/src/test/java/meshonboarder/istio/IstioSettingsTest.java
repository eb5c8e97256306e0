package meshonboarder.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IstioSettingsTest {

    @Test
    void from_whenNothingSet_usesTheDocumentedDefaults() {
        IstioSettings settings = IstioSettings.from(new Env(Map.of()));

        assertThat(settings.version()).isEqualTo("1.30.4");
        assertThat(settings.repository())
                .isEqualTo(new ChartRepository(ChartRepository.Kind.HTTP, "https://istio-release.storage.googleapis.com/charts"));
        assertThat(settings.ingressGateway()).isFalse();
        // the AWS post: public gateways, as its clusters sit in separate VPCs
        assertThat(settings.eastWestScheme()).isEqualTo(LoadBalancerScheme.INTERNET_FACING);
        assertThat(settings.valuesParameter()).isEmpty();
    }

    @Test
    void from_whenSchemeAutoAndVpcsDeclaredConnected_isInternal() {
        IstioSettings settings = IstioSettings.from(new Env(Map.of("EASTWEST_LB_SCHEME", "auto",
                "PRIVATE_API_ENDPOINTS", "true")));

        assertThat(settings.eastWestScheme()).isEqualTo(LoadBalancerScheme.INTERNAL);
    }

    @Test
    void from_whenSchemeNamed_keepsItWhateverTheVpcs() {
        IstioSettings settings = IstioSettings.from(new Env(Map.of("EASTWEST_LB_SCHEME", "internal")));

        assertThat(settings.eastWestScheme()).isEqualTo(LoadBalancerScheme.INTERNAL);
    }

    @Test
    void from_whenEverythingSet_readsIt() {
        IstioSettings settings = IstioSettings.from(new Env(Map.of("ISTIO_VERSION", "1.31.0-beta.1",
                "ISTIO_CHART_REPOSITORY", "oci://123456789012.dkr.ecr.eu-west-1.amazonaws.com/istio/",
                "INSTALL_INGRESS_GATEWAY", "true", "EASTWEST_LB_SCHEME", "internet-facing",
                "ISTIO_VALUES_PARAMETER", "/istio-mesh/values")));

        assertThat(settings.version()).isEqualTo("1.31.0-beta.1");
        assertThat(settings.repository()).isEqualTo(new ChartRepository(ChartRepository.Kind.OCI,
                "oci://123456789012.dkr.ecr.eu-west-1.amazonaws.com/istio"));
        assertThat(settings.ingressGateway()).isTrue();
        assertThat(settings.eastWestScheme()).isEqualTo(LoadBalancerScheme.INTERNET_FACING);
        assertThat(settings.valuesParameter()).isEqualTo(Optional.of("/istio-mesh/values"));
    }

    @Test
    void from_whenFileRepository_keepsTheDirectory() {
        IstioSettings settings = IstioSettings.from(new Env(Map.of("ISTIO_CHART_REPOSITORY", "file:///opt/charts")));

        assertThat(settings.repository().kind()).isEqualTo(ChartRepository.Kind.FILE);
        assertThat(settings.repository().directory()).hasToString("/opt/charts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.29.4", "1.22.0", "0.9.0"})
    void from_whenVersionBefore130_failsSayingWhy(String version) {
        assertThatThrownBy(() -> IstioSettings.from(new Env(Map.of("ISTIO_VERSION", version))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("older than 1.30").hasMessageContaining("dual-stack east-west gateways");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1.30", "v1.30.4"})
    void from_whenVersionNotARelease_fails(String version) {
        assertThatThrownBy(() -> IstioSettings.from(new Env(Map.of("ISTIO_VERSION", version))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("ISTIO_VERSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/charts", "charts", "file://relative/dir", "oci://"})
    void from_whenRepositoryUnusable_fails(String repository) {
        assertThatThrownBy(() -> IstioSettings.from(new Env(Map.of("ISTIO_CHART_REPOSITORY", repository))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("ISTIO_CHART_REPOSITORY");
    }

    @Test
    void from_whenSchemeUnknown_failsListingTheChoices() {
        assertThatThrownBy(() -> IstioSettings.from(new Env(Map.of("EASTWEST_LB_SCHEME", "public"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("internal, internet-facing");
    }
}
