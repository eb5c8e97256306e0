package meshonboarder.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import meshonboarder.announce.Announcement;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.InvalidInput;
import org.junit.jupiter.api.Test;

class RequestApprovalServiceTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAQ+tok/en==";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OnboardCluster:e1";

    private final List<Announcement> published = new ArrayList<>();
    private final RequestApprovalService service = new RequestApprovalService((a, arn) -> {
        assertThat(arn).isEqualTo(EXECUTION);
        published.add(a);
    }, "us-east-1");

    private static Cluster eks2() {
        return new Cluster("eks-2-1a2b3c4d", "eu-west-1", "mesh1", "net-2",
                "arn:aws:eks:eu-west-1:444455556666:cluster/eks-2", "ACTIVE", "https://eks-2.example", IpFamily.IPV6,
                "vpc-2", "1.33", "API", false, "444455556666");
    }

    @Test
    void request_whenHeld_publishesTheCommandsThatAnswerItWithTheToken() {
        RequestApprovalService.Requested requested = service.request(eks2(), EXECUTION, TOKEN, 3600);

        assertThat(published).hasSize(1);
        Announcement request = published.get(0);
        assertThat(request.detailType()).isEqualTo("Cluster Approval Requested");
        assertThat(request.meshId()).isEqualTo("mesh1");
        assertThat(request.message())
                .contains("Cluster 'eks-2-1a2b3c4d' (account 444455556666, eu-west-1) asks to join mesh 'mesh1'")
                .contains("nothing has been written to it")
                .contains("aws stepfunctions send-task-success --region us-east-1 --task-token '" + TOKEN
                        + "' --task-output '{}'")
                .contains("aws stepfunctions send-task-failure --region us-east-1 --task-token '" + TOKEN
                        + "' --error meshonboarder.errors.ClusterNotApproved")
                .contains("Unanswered for 3600 seconds, the onboarding ends with meshonboarder.errors.ApprovalTimedOut")
                // AnnouncementsRule's input transformer inserts it unescaped: one line, no double quotes
                .doesNotContain("\"").doesNotContain("\n");
        // the result, which Step Functions records, does not carry the token
        assertThat(requested.toString()).doesNotContain(TOKEN);
    }

    @Test
    void request_whenNoToken_refusesWithoutPublishing() {
        assertThatThrownBy(() -> service.request(eks2(), EXECUTION, " ", null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("waitForTaskToken");
        assertThat(published).isEmpty();
    }
}
