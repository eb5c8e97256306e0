package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import meshonboarder.errors.AccessDenied;
import meshonboarder.errors.Transient;
import org.junit.jupiter.api.Test;

class KubernetesErrorsTest {

    @Test
    void translate_whenTheApiServerCannotBeReached_isTransient() {
        Config config = new ConfigBuilder(Config.empty()).withAutoConfigure(false).withMasterUrl("https://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(1000).build();
        KubernetesClientException refused;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            refused = catchThrowableOfType(KubernetesClientException.class,
                    () -> client.secrets().inNamespace("istio-system").withName("cacerts").get());
        }

        assertThat(KubernetesErrors.translate(refused, "reading Secret istio-system/cacerts in cluster eks-1"))
                .isInstanceOf(Transient.class)
                .hasMessageContaining("Could not reach the Kubernetes API server while reading Secret");
    }

    @Test
    void translate_whenStatusCodes_namesThem() {
        assertThat(KubernetesErrors.translate(new KubernetesClientException("x", 503, null), "a")).isInstanceOf(Transient.class);
        assertThat(KubernetesErrors.translate(new KubernetesClientException("x", 409, null), "a")).isInstanceOf(Transient.class);
        assertThat(KubernetesErrors.translate(new KubernetesClientException("x", 403, null), "a")).isInstanceOf(AccessDenied.class);
        KubernetesClientException invalid = new KubernetesClientException("x", 422, null);
        assertThat(KubernetesErrors.translate(invalid, "a")).isSameAs(invalid);
    }
}
