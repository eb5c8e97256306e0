package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The priming clients answer in-process: the calls below succeed with no endpoint override, no credentials of this
 * machine and no AWS to talk to, so no request left the process; and what they answer is made up.
 */
class PrimingClientsTest {

    private final AwsClients clients = AwsClients.priming("eu-west-1");

    @Test
    void eks_whenDescribeCluster_answersTheLoopbackClusterWithoutNetwork() {
        Cluster cluster = clients.eks("eu-west-1").describeCluster(r -> r.name("anything")).cluster();

        assertThat(cluster.endpoint()).isEqualTo("https://127.0.0.1:9");
        assertThat(cluster.certificateAuthority().data()).isNotBlank();
        assertThat(clients.endpoint()).isNull();
    }

    @Test
    void sts_whenAssumeRole_answersMadeUpExpiredCredentials() {
        Credentials credentials = clients.sts().assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/x")
                .roleSessionName("s")).credentials();

        assertThat(credentials.accessKeyId()).startsWith("ASIAPRIMING");
        assertThat(credentials.expiration()).isBefore(java.time.Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(clients.credentials().resolveCredentials().accessKeyId()).startsWith("AKIAPRIMING");
    }

    @Test
    void otherServices_whenCalled_answerEmpty() {
        assertThat(clients.ssm().getParametersByPath(r -> r.path("/x")).parameters()).isEmpty();
        assertThat(clients.secretsManager().describeSecret(r -> r.secretId("x")).arn()).isNull();
        assertThat(clients.eventBridge().putEvents(r -> r.entries(e -> e.source("s").detailType("d").detail("{}")))
                .entries()).isEmpty();
    }
}
