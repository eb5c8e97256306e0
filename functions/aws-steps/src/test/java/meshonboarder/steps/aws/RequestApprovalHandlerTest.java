package meshonboarder.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import meshonboarder.json.Json;
import meshonboarder.testing.Lambdas;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * RequestApproval on moto's EventBridge: the request reaches a rule on the default bus (source mesh-onboarder, as
 * AnnouncementsRule), here delivering to an SQS queue, with the commands that answer it; the step's result does not
 * carry the token.
 */
class RequestApprovalHandlerTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX+token/of==";

    private final RequestApprovalHandler handler = new RequestApprovalHandler(MotoServer.wiring(Map.of()));
    private final SqsClient sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(MotoServer.endpoint())
            .credentialsProvider(MotoServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();

    @Test
    void handle_whenHeld_putsTheApprovalRequestOnTheBusAndReturnsNoToken() throws IOException {
        String mesh = MotoServer.unique("mesh");
        String queue = MotoServer.unique("approvals");
        String queueUrl = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
        var events = MotoServer.aws().eventBridge();
        // one rule for this test's mesh only: tests share the moto server and its default bus
        events.putRule(r -> r.name(queue).eventBusName("default").eventPattern(
                "{\"source\": [\"mesh-onboarder\"], \"detail\": {\"meshId\": [\"" + mesh + "\"]}}"));
        events.putTargets(r -> r.rule(queue).eventBusName("default").targets(t -> t.id("queue")
                .arn("arn:aws:sqs:us-east-1:" + MotoServer.ACCOUNT + ":" + queue)));

        JsonNode result = Lambdas.invoke(handler, "{\"executionArn\": "
                + "\"arn:aws:states:us-east-1:123456789012:execution:OnboardCluster:e1\", \"taskToken\": \"" + TOKEN
                + "\", \"holdSeconds\": 14400, \"cluster\": {\"clusterName\": \"eks-3\", \"region\": \"us-east-1\", "
                + "\"meshId\": \"" + mesh + "\", \"account\": \"123456789012\"}}");

        assertThat(result.toString()).doesNotContain(TOKEN);
        assertThat(result.path("detailType").asText()).isEqualTo("Cluster Approval Requested");
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                .maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(1);
        JsonNode event = Json.MAPPER.readTree(messages.get(0).body());
        assertThat(event.path("detail-type").asText()).isEqualTo("Cluster Approval Requested");
        assertThat(event.at("/detail/clusterName").asText()).isEqualTo("eks-3");
        assertThat(event.at("/detail/executionArn").asText()).endsWith(":execution:OnboardCluster:e1");
        assertThat(event.at("/detail/message").asText())
                .contains("send-task-success --region us-east-1 --task-token '" + TOKEN + "'")
                .contains("send-task-failure --region us-east-1 --task-token '" + TOKEN + "'");
    }
}
