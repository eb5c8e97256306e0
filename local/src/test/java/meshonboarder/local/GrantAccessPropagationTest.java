package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import meshonboarder.aws.AwsClients;
import meshonboarder.aws.Wiring;
import meshonboarder.cluster.Cluster;
import meshonboarder.cluster.IpFamily;
import meshonboarder.errors.PrincipalNotPropagated;
import meshonboarder.json.Json;
import meshonboarder.local.standin.EksFront;
import meshonboarder.local.standin.LocalLambda;
import meshonboarder.settings.Env;
import meshonboarder.steps.access.GrantAccessHandler;
import meshonboarder.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * GrantAccess, with its state's Retry from the deployed ASL, against the stand-in EKS right after the cluster access
 * role is created. CreateAccessEntry answers InvalidParameterException "The specified principalArn is invalid:
 * invalid principal" until IAM has propagated the role to EKS, and for a role that does not exist; the Terraform AWS
 * provider retries exactly that message for two minutes after it creates a role (hashicorp/terraform-provider-aws,
 * internal/service/eks/access_entry.go, resourceAccessEntryCreate; propagationTimeout in consts.go). The stand-in's
 * clock moves by the retries' waits: nothing here waits.
 */
class GrantAccessPropagationTest {

    private static final String REGION = "us-east-1";
    /** Less than the retrier's 135 s of waits, more than its first three (35 s): the fourth try gets through. */
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(MotoServer.endpoint())
            .credentialsProvider(MotoServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    private final String roleName = MotoServer.unique("cluster-access");
    private final String roleArn = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/" + roleName;
    private final String clusterName = MotoServer.unique("eks");
    private final AtomicReference<Instant> now = new AtomicReference<>();
    private LocalLambda endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = new LocalLambda(0);
        endpoint.forwardTo(MotoServer.endpoint());
        endpoint.frontEks(new EksFront(name -> null, iam, now::get, PROPAGATION));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        iam.close();
    }

    @Test
    void grantAccess_whenTheRoleWasJustCreated_retriesUntilIamHasPropagatedIt() throws IOException {
        Instant created = createRole();
        now.set(created);
        List<Duration> waits = new ArrayList<>();

        JsonNode access = AslRetry.call(grantAccessRetry(), this::grantAccess, wait -> {
            waits.add(wait);
            now.set(now.get().plus(wait));
        });

        assertThat(access.path("accessEntry").asText()).isEqualTo("CREATED");
        assertThat(access.path("policy").asText()).isEqualTo("ASSOCIATED");
        // refused at 0, 5, 15 and 35 s after the role was made, through at 75 s
        assertThat(waits).extracting(Duration::getSeconds).containsExactly(5L, 10L, 20L, 40L);
        assertThat(now.get()).isAfterOrEqualTo(created.plus(PROPAGATION));
    }

    @Test
    void grantAccess_whenTheRoleDoesNotExist_endsWithPrincipalNotPropagatedSayingHowToCheck() throws IOException {
        now.set(Instant.parse("2026-12-06T00:00:00Z"));
        JsonNode retry = grantAccessRetry();
        Instant start = now.get();

        assertThatThrownBy(() -> AslRetry.call(retry, this::grantAccess, wait -> now.set(now.get().plus(wait))))
                .isInstanceOf(PrincipalNotPropagated.class)
                .hasMessageContaining(roleArn)
                .hasMessageContaining("aws iam get-role --role-name " + roleName)
                .hasMessageContaining("ClusterAccessRole");
        // every retry was spent: at least the two minutes Terraform gives IAM
        assertThat(Duration.between(start, now.get())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    /** The onboarding's GrantAccess state's Retry, as deployed (ReconcileMesh's is the same policy). */
    private static JsonNode grantAccessRetry() throws IOException {
        return AslStates.of("onboard-cluster").stream().filter(s -> s.name().equals("GrantAccess")).findFirst()
                .orElseThrow().state().path("Retry");
    }

    private Instant createRole() {
        return iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + MotoServer.ACCOUNT
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}")).role().createDate();
    }

    private JsonNode grantAccess() {
        GrantAccessHandler handler = new GrantAccessHandler(new Wiring(new Env(Map.of("AWS_REGION", REGION,
                "PARTITION", "aws", "CLUSTER_ACCESS_ROLE_ARN", roleArn)),
                new AwsClients(REGION, endpoint.endpoint(), MotoServer.credentials())));
        Cluster cluster = new Cluster(clusterName, REGION, "mesh1", "vpc-0a1b2c3d",
                "arn:aws:eks:us-east-1:123456789012:cluster/eks-1", "ACTIVE", "https://ABCD.gr7.us-east-1.eks.amazonaws.com",
                IpFamily.IPV4, "vpc-0a1b2c3d", "1.33", "API", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(Map.of("cluster", cluster))),
                    out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
