package meshonboarder.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import meshonboarder.testing.MockClusters;
import org.junit.jupiter.api.Test;

class ClusterCaTest {

    @Test
    void trustManager_whenParsedFromEksData_trustsTheClusterCaAlone() {
        try (MockClusters clusters = new MockClusters()) {
            clusters.start("eks-1");

            var trust = ClusterCa.parse("eks-1", clusters.certificateAuthority("eks-1")).trustManager();

            assertThat(trust.getAcceptedIssuers()).hasSize(1);
            assertThat(trust.getAcceptedIssuers()[0].getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void parse_whenTheDataIsNotACertificate_failsWithoutQuotingIt() {
        // moto's certificateAuthority.data is random text (docs/design.md, "Stand-ins")
        String data = Base64.getEncoder().encodeToString("not-a-cert-3f9a".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ClusterCa.parse("eks-1", data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'eks-1'")
                .hasMessageNotContaining("not-a-cert")
                .hasMessageNotContaining(data);
    }
}
