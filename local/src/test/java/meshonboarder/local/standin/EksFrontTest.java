package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import meshonboarder.json.Json;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The stand-in EKS's access entries refuse what EKS refuses: an entry matches its principal by the role id the
 * principal had when the entry was made, not by its ARN. "If you don't delete the access entry and ever recreate
 * the IAM principal, even if it has the same ARN, the access entry won't work. This is because even though the
 * ARN is the same for the recreated IAM principal, the roleID or userID ... is different"
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_AccessEntry.html, principalArn; seen in the field as
 * terraform-aws-modules/terraform-aws-eks issue 3329).
 */
class EksFrontTest {

    private final IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(MotoServer.endpoint())
            .credentialsProvider(MotoServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    private final String roleName = MotoServer.unique("cluster-access");
    private final String roleArn = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/" + roleName;
    private final String cluster = MotoServer.unique("eks");
    private final EksFront front = new EksFront(name -> null, iam, InstantSource.system(), Duration.ZERO);

    @AfterEach
    void close() {
        iam.close();
    }

    @Test
    void admits_whenTheRoleIsCreatedAgainUnderTheSameName_refusesUntilTheEntryIsMadeAgain() throws Exception {
        createRole();
        assertThat(createEntry().status()).isEqualTo(200);
        assertThat(front.admits(cluster)).isTrue();

        iam.deleteRole(r -> r.roleName(roleName));
        createRole();

        assertThat(front.admits(cluster)).isFalse();
        // DescribeAccessEntry still shows the same ARN: nothing in it tells the entry is dead, but its age
        var described = Json.MAPPER.readTree(front.intercept("GET", entryPath(), new byte[0]).body());
        assertThat(described.path("accessEntry").path("principalArn").asText()).isEqualTo(roleArn);
        assertThat(described.path("accessEntry").path("createdAt").isNumber()).isTrue();

        assertThat(front.intercept("DELETE", entryPath(), new byte[0]).status()).isEqualTo(200);
        assertThat(front.intercept("GET", entryPath() + "/access-policies", new byte[0]).status()).isEqualTo(404);
        assertThat(createEntry().status()).isEqualTo(200);
        assertThat(front.admits(cluster)).isTrue();
    }

    @Test
    void intercept_whenTheEntryExists_refusesASecondOneWith409() throws Exception {
        createRole();
        createEntry();

        EksFront.Reply second = createEntry();

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorType()).isEqualTo("ResourceInUseException");
    }

    private void createRole() {
        iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + MotoServer.ACCOUNT + ":root\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));
    }

    private EksFront.Reply createEntry() throws Exception {
        return front.intercept("POST", "/clusters/" + cluster + "/access-entries",
                ("{\"principalArn\": \"" + roleArn + "\", \"type\": \"STANDARD\"}").getBytes(StandardCharsets.UTF_8));
    }

    private String entryPath() {
        return "/clusters/" + cluster + "/access-entries/" + URLEncoder.encode(roleArn, StandardCharsets.UTF_8);
    }
}
