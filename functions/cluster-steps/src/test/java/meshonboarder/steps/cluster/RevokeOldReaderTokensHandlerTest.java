package meshonboarder.steps.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import meshonboarder.errors.InvalidInput;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MockClusters;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RevokeOldReaderTokens on the wire: the Map item's JSON in, names out, bad input refused. */
class RevokeOldReaderTokensHandlerTest {

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

    private RevokeOldReaderTokensHandler handler() {
        return new RevokeOldReaderTokensHandler(MotoServer.wiring(Map.of()), clusters.connector());
    }

    @Test
    void handle_whenNoTokenWasReplaced_revokesNothing() {
        JsonNode result = Lambdas.invoke(handler(), Map.of("clusterName", "eks-a",
                "members", List.of(ClusterStepsFixture.member("eks-a"))));

        assertThat(result.path("revoked").isEmpty()).isTrue();
        assertThat(result.path("kept").isEmpty()).isTrue();
    }

    @Test
    void handle_whenMembersMissing_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("clusterName", "eks-a")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("members");
    }

    @Test
    void handle_whenNamedMemberIsNotInMembers_failsWithInvalidInput() {
        assertThatThrownBy(() -> Lambdas.invoke(handler(), Map.of("clusterName", "eks-b",
                "members", List.of(ClusterStepsFixture.member("eks-a")))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("eks-b is not in members");
    }
}
