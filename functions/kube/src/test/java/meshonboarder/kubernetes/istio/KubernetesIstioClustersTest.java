package meshonboarder.kubernetes.istio;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import meshonboarder.istio.HelmAccess;
import meshonboarder.istio.IstioCluster;
import org.junit.jupiter.api.Test;

class KubernetesIstioClustersTest {

    /**
     * An EKS token lives 15 minutes: Helm is handed a kubeconfig that asks the client's token provider again each time
     * it is written, so that no Helm call of a long install reuses an old token.
     */
    @Test
    void releases_whenTheClientHasATokenProvider_writesEachKubeconfigWithAFreshToken() {
        AtomicInteger minted = new AtomicInteger();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://eks-1.example")
                .withOauthTokenProvider(() -> "token-" + minted.incrementAndGet()).build();
        List<String> clusters = new ArrayList<>();
        List<Supplier<String>> kubeconfigs = new ArrayList<>();
        HelmAccess helm = (cluster, kubeconfig) -> {
            clusters.add(cluster);
            kubeconfigs.add(kubeconfig);
            return null;
        };

        try (IstioCluster istio = new KubernetesIstioClusters((region, name) -> new KubernetesClientBuilder()
                .withConfig(config).build(), helm).open("us-east-1", "eks-1")) {
            istio.releases();
        }

        assertThat(clusters).containsExactly("https://eks-1.example/");
        assertThat(kubeconfigs.get(0).get()).contains("server: https://eks-1.example").contains("token: token-1");
        assertThat(kubeconfigs.get(0).get()).contains("token: token-2");
    }
}
