package meshonboarder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The priming clients answer in-process: the calls below succeed with no endpoint override, no credentials of this
 * machine and no AWS to talk to, so no request left the process (the priming API server listens on the loopback
 * only, and only until the clients are closed); and what they answer is made up.
 */
class PrimingClientsTest {

    private final AwsClients clients = AwsClients.priming("eu-west-1");

    @Test
    void eks_whenDescribeCluster_answersAClusterWhoseApiServerIsEmptyAndGoneOnceClosed() throws Exception {
        Cluster cluster = clients.eks("eu-west-1").describeCluster(r -> r.name("anything")).cluster();

        assertThat(cluster.endpoint()).startsWith("http://127.0.0.1:");
        assertThat(cluster.certificateAuthority().data()).isNotBlank();
        assertThat(clients.endpoint()).isNull();
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint()
                + "/api/v1/namespaces/istio-system/secrets/cacerts")).build(), BodyHandlers.ofString()).statusCode())
                .as("no object").isEqualTo(404);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint()
                + "/apis/apps/v1/namespaces/kube-system/daemonsets")).build(), BodyHandlers.ofString());
        assertThat(list.body()).contains("\"items\":[]");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint()
                        + "/api/v1/namespaces")).POST(BodyPublishers.ofString("{\"kind\":\"Namespace\"}")).build(),
                BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"kind\":\"Namespace\"}");

        clients.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint() + "/api/v1/namespaces"))
                .build(), BodyHandlers.ofString())).as("stopped before the snapshot").isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/namespaces,                              true",
        "/api/v1/namespaces/istio-system,                 false",
        "/api/v1/namespaces/istio-system/secrets,         true",
        "/api/v1/namespaces/istio-system/secrets/cacerts, false",
        "/apis/apps/v1/namespaces/kube-system/daemonsets, true",
        "/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node, false",
        "/apis/rbac.authorization.k8s.io/v1/clusterroles, true",
        "/apis/rbac.authorization.k8s.io/v1/clusterroles/istio-reader, false",
    })
    void isCollection_whenPath_tellsAListFromOneObject(String path, boolean collection) {
        assertThat(PrimingApiServer.isCollection(path)).isEqualTo(collection);
    }

    @Test
    void sts_whenAssumeRole_answersMadeUpExpiredCredentials() {
        Credentials credentials = clients.sts().assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/x")
                .roleSessionName("s")).credentials();

        assertThat(credentials.accessKeyId()).startsWith("ASIAPRIMING");
        assertThat(credentials.expiration()).isBefore(Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(clients.credentials().resolveCredentials().accessKeyId()).startsWith("AKIAPRIMING");
    }

    @Test
    void secretsManager_whenCalled_hasNoSecretYetAndCreatesOne() {
        assertThatThrownBy(() -> clients.secretsManager().describeSecret(r -> r.secretId("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(clients.secretsManager().createSecret(r -> r.name("x").secretString("v")).arn())
                .startsWith("arn:aws:secretsmanager:");
    }

    @Test
    void eksAndSsm_whenAskedForWhatAStepCreates_haveNoneYet() {
        assertThatThrownBy(() -> clients.eks("eu-west-1").describeAccessEntry(r -> r.clusterName("c")
                .principalArn("arn:aws:iam::000000000000:role/r")))
                // fully qualified: another service has one of that name
                .isInstanceOf(software.amazon.awssdk.services.eks.model.ResourceNotFoundException.class);
        assertThat(clients.eks("eu-west-1").createAccessEntry(r -> r.clusterName("c")
                .principalArn("arn:aws:iam::000000000000:role/r")).accessEntry().accessEntryArn()).isNotBlank();
        assertThatThrownBy(() -> clients.ssm().getParameter(r -> r.name("/x")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void otherServices_whenCalled_answerEmpty() {
        assertThat(clients.ssm().getParametersByPath(r -> r.path("/x")).parameters()).isEmpty();
        assertThat(clients.eks("eu-west-1").describeAddon(r -> r.clusterName("c").addonName("vpc-cni")).addon()
                .addonVersion()).startsWith("v1.");
        assertThat(clients.eventBridge().putEvents(r -> r.entries(e -> e.source("s").detailType("d").detail("{}")))
                .entries()).isEmpty();
    }
}
