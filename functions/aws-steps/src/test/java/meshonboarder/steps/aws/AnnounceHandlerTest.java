package meshonboarder.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import meshonboarder.json.Json;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Announce on moto's EventBridge: a rule on the default bus (source mesh-onboarder) delivers to an SQS queue,
 * where the test reads what a team's notification hook would receive.
 */
class AnnounceHandlerTest {

    private final AnnounceHandler handler = new AnnounceHandler(MotoServer.wiring(Map.of()));
    private final SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(MotoServer.endpoint())
            .credentialsProvider(MotoServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    private String queueUrl;
    private final String mesh = MotoServer.unique("mesh");

    @BeforeEach
    void subscribe() {
        String queue = MotoServer.unique("announcements");
        queueUrl = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
        String queueArn = "arn:aws:sqs:us-east-1:" + MotoServer.ACCOUNT + ":" + queue;
        var events = MotoServer.aws().eventBridge();
        // one rule per test, on this test's mesh only: tests share the moto server and its default bus
        events.putRule(r -> r.name(queue).eventBusName("default").eventPattern(
                "{\"source\": [\"mesh-onboarder\"], \"detail\": {\"meshId\": [\"" + mesh + "\"]}}"));
        events.putTargets(r -> r.rule(queue).eventBusName("default").targets(t -> t.id("queue").arn(queueArn)));
    }

    private JsonNode announce(String operation, String state) {
        return Lambdas.invoke(handler, "{\"operation\": \"" + operation
                + "\", \"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:OnboardCluster:e1\", \"state\": "
                + state + "}");
    }

    private JsonNode received() throws IOException {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                .maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(1);
        return Json.MAPPER.readTree(messages.get(0).body());
    }

    private String cluster() {
        return "{\"clusterName\": \"eks-2\", \"region\": \"us-east-1\", \"meshId\": \"" + mesh + "\"}";
    }

    @Test
    void announce_whenEveryPeerWasReached_putsClusterOnboarded() throws IOException {
        JsonNode result = announce("onboard", "{\"cluster\": " + cluster() + ", \"exchange\": ["
                + "{\"peer\": {\"clusterName\": \"eks-1\"}, \"status\": \"EXCHANGED\"}]}");

        assertThat(result.path("outcome").asText()).isEqualTo("ONBOARDED");
        JsonNode event = received();
        assertThat(event.path("source").asText()).isEqualTo("mesh-onboarder");
        assertThat(event.path("detail-type").asText()).isEqualTo("Cluster Onboarded");
        assertThat(event.at("/detail/clusterName").asText()).isEqualTo("eks-2");
        assertThat(event.at("/detail/peersReached/0").asText()).isEqualTo("eks-1");
        assertThat(event.at("/detail/executionArn").asText()).contains(":execution:OnboardCluster:e1");
    }

    @Test
    void announce_whenAPeerStayedUnreached_saysWhichAndEndsPeersUnreached() throws IOException {
        JsonNode result = announce("onboard", "{\"cluster\": " + cluster() + ", \"exchange\": ["
                + "{\"peer\": {\"clusterName\": \"eks-1\"}, \"status\": \"EXCHANGED\"},"
                + "{\"peer\": {\"clusterName\": \"eks-3\"}, \"status\": \"UNREACHED\", \"error\": \"meshonboarder.errors.Transient\"}]}");

        assertThat(result.path("outcome").asText()).isEqualTo("PEERS_UNREACHED");
        assertThat(result.path("message").asText()).contains("eks-3").contains("run the execution again");
        JsonNode event = received();
        assertThat(event.path("detail-type").asText()).isEqualTo("Cluster Onboarding Failed");
        assertThat(event.at("/detail/peersFailed/0").asText()).isEqualTo("eks-3");
    }

    /** Issue 23: every peer reached, but istiod did not sync a pair within the wait: a named outcome, not success. */
    @Test
    void announce_whenWaitMeshSyncedTimedOut_endsNotSyncedNamingThePairs() throws IOException {
        JsonNode result = announce("onboard", "{\"cluster\": " + cluster() + ", \"exchange\": ["
                + "{\"peer\": {\"clusterName\": \"eks-1\"}, \"status\": \"EXCHANGED\"}],"
                + " \"sync\": {\"ready\": false, \"timedOut\": true, \"pairs\": 2, \"unsynced\": ["
                + "{\"holder\": \"eks-1\", \"subject\": \"eks-2\", \"status\": \"timeout\"}], \"unknown\": []}}");

        assertThat(result.path("outcome").asText()).isEqualTo("NOT_SYNCED");
        assertThat(result.path("message").asText()).contains("eks-1 -> eks-2 (timeout)").contains("reconcile");
        JsonNode event = received();
        assertThat(event.path("detail-type").asText()).isEqualTo("Cluster Onboarding Failed");
        assertThat(event.at("/detail/outcome").asText()).isEqualTo("NOT_SYNCED");
        assertThat(event.at("/detail/peersReached/0").asText()).isEqualTo("eks-1");
    }

    /**
     * Issue 25: a peer whose east-west gateway FollowGateway could not switch is caught in its Map item like an
     * exchange that failed: UNREACHED, with the error, and not meshed yet; the peers done carry their gateway's result.
     */
    @Test
    void announce_whenFollowGatewayLeftAPeerUnreached_endsPeersUnreached() throws IOException {
        JsonNode result = announce("onboard", "{\"cluster\": " + cluster() + ", \"exchange\": ["
                + "{\"peer\": {\"clusterName\": \"eks-1\"}, \"status\": \"EXCHANGED\", "
                + "\"gateway\": {\"clusterName\": \"eks-1\", \"addressType\": \"dualstack\", \"outcome\": \"RECORDED\"}},"
                + "{\"peer\": {\"clusterName\": \"eks-3\"}, \"status\": \"UNREACHED\", "
                + "\"error\": \"meshonboarder.errors.Transient\", \"cause\": \"down\"}]}");

        assertThat(result.path("outcome").asText()).isEqualTo("PEERS_UNREACHED");
        JsonNode event = received();
        assertThat(event.at("/detail/peersFailed").toString()).isEqualTo("[\"eks-3\"]");
        assertThat(event.at("/detail/peersReached").toString()).isEqualTo("[\"eks-1\"]");
    }

    @Test
    void announce_whenAStepFailed_givesTheErrorNameAndMessageButNoStackTrace() throws IOException {
        ObjectNode state = (ObjectNode) Json.MAPPER.readTree("{\"cluster\": " + cluster() + "}");
        state.putObject("error").put("Error", "meshonboarder.errors.AccessEntriesDisabled")
                .put("Cause", "{\"errorMessage\": \"Cluster 'eks-2' uses the CONFIG_MAP authentication mode.\", "
                        + "\"errorType\": \"meshonboarder.errors.AccessEntriesDisabled\", \"stackTrace\": [\"at x.y(Z.java:1)\"]}");

        JsonNode result = announce("onboard", state.toString());

        assertThat(result.path("outcome").asText()).isEqualTo("FAILED");
        JsonNode event = received();
        assertThat(event.path("detail-type").asText()).isEqualTo("Cluster Onboarding Failed");
        assertThat(event.at("/detail/error").asText()).isEqualTo("meshonboarder.errors.AccessEntriesDisabled");
        assertThat(event.at("/detail/message").asText()).contains("CONFIG_MAP").doesNotContain("Z.java");
    }

    @Test
    void announce_whenResolveFailedOnAManualInput_namesTheClusterFromTheInput() throws IOException {
        JsonNode result = announce("onboard", "{\"clusterName\": \"eks-9\", \"meshId\": \"" + mesh + "\", "
                + "\"error\": {\"Error\": \"meshonboarder.errors.ClusterNotFound\", \"Cause\": \"{}\"}}");

        assertThat(result.path("clusterName").asText()).isEqualTo("eks-9");
        assertThat(received().at("/detail/clusterName").asText()).isEqualTo("eks-9");
    }

    @Test
    void announce_whenOffboarded_putsClusterOffboarded() throws IOException {
        JsonNode result = announce("offboard", "{\"lookup\": {\"found\": true, \"member\": " + cluster() + "}, "
                + "\"removal\": [{\"peer\": {\"clusterName\": \"eks-1\"}, \"status\": \"REMOVED\"}]}");

        assertThat(result.path("outcome").asText()).isEqualTo("OFFBOARDED");
        assertThat(received().path("detail-type").asText()).isEqualTo("Cluster Offboarded");
    }
}
