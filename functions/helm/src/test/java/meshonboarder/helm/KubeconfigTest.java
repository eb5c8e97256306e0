package meshonboarder.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class KubeconfigTest {

    private static JsonNode read(String yaml) throws Exception {
        return new YAMLMapper().readTree(yaml);
    }

    @Test
    void of_whenEksStyleConfig_carriesEndpointCaAndCurrentToken() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://ABC.gr7.us-east-1.eks.amazonaws.com/")
                .withCaCertData("LS0tLS1CRUdJTi1DQS0tLS0t")
                .withOauthTokenProvider(() -> "k8s-aws-v1.fresh").build();

        JsonNode kubeconfig = read(Kubeconfig.of(config));

        JsonNode cluster = kubeconfig.path("clusters").get(0).path("cluster");
        assertThat(cluster.path("server").asText()).isEqualTo("https://ABC.gr7.us-east-1.eks.amazonaws.com");
        assertThat(cluster.path("certificate-authority-data").asText()).isEqualTo("LS0tLS1CRUdJTi1DQS0tLS0t");
        assertThat(cluster.has("insecure-skip-tls-verify")).isFalse();
        assertThat(kubeconfig.path("users").get(0).path("user").path("token").asText()).isEqualTo("k8s-aws-v1.fresh");
        assertThat(kubeconfig.path("current-context").asText()).isEqualTo("mesh-onboarder");
        assertThat(kubeconfig.path("contexts").get(0).path("context").path("cluster").asText())
                .isEqualTo("mesh-onboarder");
    }

    @Test
    void of_whenTrustAllMockServer_skipsVerificationOnlyThen() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:6443").withTrustCerts(true)
                .withOauthToken("secret").build();

        JsonNode cluster = read(Kubeconfig.of(config)).path("clusters").get(0).path("cluster");

        assertThat(cluster.path("insecure-skip-tls-verify").asBoolean()).isTrue();
    }

    @Test
    void of_whenNoCredentials_refuses() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:6443").build();

        assertThatThrownBy(() -> Kubeconfig.of(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither a bearer token nor a client certificate");
    }
}
