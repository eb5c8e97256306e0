package meshonboarder.kubernetes.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import meshonboarder.kubernetes.KubeconfigTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteSecretTest {

    @ParameterizedTest
    @CsvSource({
            "eks-1, istio-remote-secret-eks-1",
            "1eks, istio-remote-secret-1eks",
            "Prod_East, istio-remote-secret-prod-east-[0-9a-f]{8}",
            "prod_east, istio-remote-secret-prod-east-[0-9a-f]{8}",
            "eks-, istio-remote-secret-eks-[0-9a-f]{8}",
            "EKS, istio-remote-secret-eks-[0-9a-f]{8}"
    })
    void name_whenClusterName_isIstioctlsNameOrAValidDnsVariant(String clusterName, String expected) {
        String name = RemoteSecret.name(clusterName);

        assertThat(name).matches(expected).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void name_whenNamesDifferOnlyInCaseOrUnderscore_keepsThemApart() {
        assertThat(RemoteSecret.name("Prod_East")).isNotEqualTo(RemoteSecret.name("prod_east"))
                .isNotEqualTo(RemoteSecret.name("prod-east"));
        assertThat(RemoteSecret.name("Prod_East")).isEqualTo(RemoteSecret.name("Prod_East"));
    }

    @Test
    void of_whenKubeconfig_matchesIstioctlFormat() throws Exception {
        String kubeconfig = KubeconfigTest.golden("kubeconfig-eks-a.yaml");

        Secret secret = RemoteSecret.of("eks-a", kubeconfig);

        assertThat(Serialization.asYaml(asIstioctlPrintsIt(secret)))
                .isEqualTo(KubeconfigTest.golden("remote-secret-eks-a.yaml"));
        assertThat(secret.getMetadata().getLabels()).containsEntry("istio/multiCluster", "true");
        assertThat(secret.getMetadata().getAnnotations()).containsExactly(
                Map.entry("networking.istio.io/cluster", "eks-a"));
        assertThat(secret.getData()).containsOnlyKeys("eks-a");
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("eks-a")), StandardCharsets.UTF_8))
                .isEqualTo(kubeconfig);
    }

    /** istioctl prints stringData for review (the API server stores it as data): the golden file stays readable. */
    private static Secret asIstioctlPrintsIt(Secret secret) {
        Map<String, String> plain = new LinkedHashMap<>();
        secret.getData().forEach((k, v) -> plain.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return new SecretBuilder(secret).withData(null).withStringData(plain).build();
    }

    @Test
    void of_whenNoKubeconfig_fails() {
        assertThatThrownBy(() -> RemoteSecret.of("eks-a", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
