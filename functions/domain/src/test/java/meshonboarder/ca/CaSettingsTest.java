package meshonboarder.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.settings.Env;
import org.junit.jupiter.api.Test;

class CaSettingsTest {

    @Test
    void from_whenNothingIsSet_usesTheDocumentedDefaults() {
        CaSettings settings = CaSettings.from(new Env(Map.of()));

        assertThat(settings).isEqualTo(new CaSettings(null, KeyAlgorithm.RSA_4096, 3650, 730, 30));
    }

    @Test
    void from_whenEverythingIsSet_readsIt() {
        CaSettings settings = CaSettings.from(new Env(Map.of("CA_KMS_KEY_ID", "alias/mesh-ca",
                "CA_KEY_ALGORITHM", "ECDSA_P256", "ROOT_CA_VALIDITY_DAYS", "7300", "INTERMEDIATE_CA_VALIDITY_DAYS", "365",
                "INTERMEDIATE_CA_RENEW_BEFORE_DAYS", "60")));

        assertThat(settings).isEqualTo(new CaSettings("alias/mesh-ca", KeyAlgorithm.ECDSA_P256, 7300, 365, 60));
    }

    @Test
    void from_whenAlgorithmIsUnknown_namesTheChoices() {
        assertThatThrownBy(() -> CaSettings.from(new Env(Map.of("CA_KEY_ALGORITHM", "RSA_2048"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("CA_KEY_ALGORITHM").hasMessageContaining("RSA_4096, ECDSA_P256");
    }

    @Test
    void from_whenRenewalMarginIsNotShorterThanTheValidity_fails() {
        assertThatThrownBy(() -> CaSettings.from(new Env(Map.of("INTERMEDIATE_CA_VALIDITY_DAYS", "30"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("INTERMEDIATE_CA_RENEW_BEFORE_DAYS (30)");
    }

    // The recovery window is RetireMember's (SecretsManagerIntermediateCas checks it); EnsureCa is not given it.
    @Test
    void from_whenRecoveryWindowIsSet_leavesItToRetireMember() {
        assertThat(CaSettings.from(new Env(Map.of("CA_RECOVERY_WINDOW_DAYS", "0"))))
                .isEqualTo(CaSettings.from(new Env(Map.of())));
    }

    @Test
    void from_whenAValidityIsNotANumber_namesTheVariable() {
        assertThatThrownBy(() -> CaSettings.from(new Env(Map.of("ROOT_CA_VALIDITY_DAYS", "ten years"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("ROOT_CA_VALIDITY_DAYS");
    }

    @Test
    void from_whenAValidityIsZero_fails() {
        assertThatThrownBy(() -> CaSettings.from(new Env(Map.of("ROOT_CA_VALIDITY_DAYS", "0"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("ROOT_CA_VALIDITY_DAYS must be at least 1");
    }
}
