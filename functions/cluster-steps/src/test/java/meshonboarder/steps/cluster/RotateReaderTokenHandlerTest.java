package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.kubernetes.remote.ReaderObjects;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RotateReaderToken on the wire: the Map item's JSON in, names out, bad input refused. */
class RotateReaderTokenHandlerTest {

    private MockClusters clusters;

    @BeforeEach
    void start() {
        clusters = new MockClusters();
        clusters.start("eks-a");
        ClusterStepsFixture.readerReady(clusters, "eks-a");
    }

    @AfterEach
    void stop() {
        clusters.close();
    }

    private RotateReaderTokenHandler rotate(String days) {
        return new RotateReaderTokenHandler(MotoServer.wiring(Map.of("READER_TOKEN_ROTATION_DAYS", days)),
                clusters.connector());
    }

    @Test
    void handle_whenTokenIsNotDue_returnsTheCurrentTokenSecretByNameOnly() {
        JsonNode result = Lambdas.invoke(rotate("30"), Map.of("member", ClusterStepsFixture.member("eks-a")));

        assertThat(result.path("clusterName").asText()).isEqualTo("eks-a");
        assertThat(result.path("tokenSecret").asText()).isEqualTo(ReaderObjects.TOKEN_SECRET);
        assertThat(result.path("oldTokenSecrets").isEmpty()).isTrue();
        assertThat(result.toString()).doesNotContain(ClusterStepsFixture.readerToken(clusters, "eks-a"));
    }

    @Test
    void construct_whenRotationDaysIsNotANumber_failsWithInvalidInputNamingTheParameter() {
        assertThatThrownBy(() -> rotate("monthly")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("ReaderTokenRotationDays");
    }

    @Test
    void handle_whenMemberMissing_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(rotate("30"), Map.of())).isInstanceOf(InvalidInput.class);
    }
}
